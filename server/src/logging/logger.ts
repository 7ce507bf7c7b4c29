import winston from "winston";
import { BufferedFdTransport } from "./bufferedTransport";
import { isSensitiveKey, redactSensitive } from "./redact";
import { currentRequestContext } from "./requestContext";

const addRequestContext = winston.format((info) => {
  const context = currentRequestContext();
  if (context?.requestId && info.requestId === undefined) info.requestId = context.requestId;
  if (context?.userId && info.userId === undefined) info.userId = context.userId;
  return info;
});

const redact = winston.format((info) => {
  const fields = info as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key === "message" || key === "level") continue;
    fields[key] = isSensitiveKey(key) ? "[redacted]" : redactSensitive(fields[key]);
  }
  return info;
});

const pretty = winston.format.printf((info) => {
  const { level, message, timestamp, category, requestId, stack, ...rest } = info as Record<string, unknown>;
  const fields = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
  const rid = requestId ? ` [${String(requestId).slice(0, 8)}]` : "";
  return `${timestamp} ${level} ${category ?? "app"}${rid}: ${message}${fields}${stack ? `\n${stack}` : ""}`;
});

const LEVEL = Symbol.for("level");
const isProblem = (info: winston.Logform.TransformableInfo) => ["error", "warn"].includes(String(info[LEVEL]));
const problemsOnly = (wanted: boolean) => winston.format((info) => (isProblem(info) === wanted ? info : false))();

/** The one root logger; categories are children of it. */
export const rootLogger = winston.createLogger({
  level: "info",
  defaultMeta: { service: "gridrisk" },
  // Info and debug lines to stdout, buffered; warnings and errors to stderr at once.
  transports: [
    new BufferedFdTransport({ fd: 1, buffered: true, format: problemsOnly(false) }),
    new BufferedFdTransport({ fd: 2, buffered: false, format: problemsOnly(true) }),
  ],
});

/** Sets level and output format; called once at start. */
export function configureLogging(options: { level: string; format: "json" | "pretty"; silent?: boolean }): void {
  rootLogger.level = options.level;
  rootLogger.silent = options.silent ?? false;
  const common = [addRequestContext(), redact(), winston.format.errors({ stack: true }), winston.format.timestamp()];
  rootLogger.format =
    options.format === "pretty"
      ? winston.format.combine(...common, winston.format.colorize(), pretty)
      : winston.format.combine(...common, winston.format.json());
}

/** A logger whose every line carries `category`. */
export function createLogger(category: string): winston.Logger {
  return rootLogger.child({ category });
}
