import type { RequestHandler } from "express";
import { createLogger } from "../logging/logger";

const log = createLogger("http");

/** One log line per finished request, with its status and duration. */
export const requestLogger: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info";
    log.log(level, `${req.method} ${req.originalUrl.split("?")[0]} ${res.statusCode}`, {
      requestId: res.locals.requestId,
      method: req.method,
      path: req.originalUrl.split("?")[0],
      status: res.statusCode,
      durationMs: Math.round(durationMs * 10) / 10,
    });
  });
  next();
};
