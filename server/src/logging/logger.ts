import winston from "winston";
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

/** The one root logger; categories are children of it. */
export const rootLogger = winston.createLogger({
  level: "info",
  defaultMeta: { service: "gridrisk" },
  transports: [new winston.transports.Console({ stderrLevels: ["error", "warn"] })],
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
