import type { ErrorBody } from "@gridrisk/shared";
import { JSON_BODY_LIMIT_BYTES, toFieldIssues } from "@gridrisk/shared";
import type { ErrorRequestHandler, Response } from "express";
import mongoose from "mongoose";
import { z } from "zod";
import {
  AppError,
  invalidJson,
  payloadTooLarge,
  serviceUnavailable,
  unsupportedMediaType,
  validationFailed,
} from "../errors";
import { createLogger } from "../logging/logger";

const log = createLogger("errors");

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

const DATABASE_DOWN = new Set(["MongoServerSelectionError", "MongoNetworkError", "MongoNotConnectedError"]);

/** Maps any thrown value to the AppError the client may see, or undefined for an unexpected one. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return validationFailed(toFieldIssues(error));
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case "entity.parse.failed":
      return invalidJson("The request body is not valid JSON.");
    case "entity.too.large":
      return payloadTooLarge(JSON_BODY_LIMIT_BYTES);
    case "encoding.unsupported":
    case "charset.unsupported":
      return unsupportedMediaType(parserError.message);
  }
  if (error instanceof mongoose.Error.CastError) {
    return validationFailed([{ path: error.path, message: `is not a valid ${error.kind}` }]);
  }
  if (error instanceof mongoose.Error.StrictModeError) {
    return validationFailed([{ path: error.path, message: "is not a known field" }]);
  }
  if (error instanceof mongoose.Error.ValidationError) {
    return validationFailed(Object.values(error.errors).map((inner) => ({ path: inner.path, message: inner.message })));
  }
  // http-errors thrown by express itself (static files, router) carry a safe 4xx status.
  // A 404 from static files (send) is a plain fs error with status 404 and no `expose`.
  const httpError = error as { status?: number; expose?: boolean; message?: string };
  if (httpError?.status === 404) return new AppError(404, "not_found", "That file was not found.");
  if (typeof httpError?.status === "number" && httpError.status >= 400 && httpError.status < 500 && httpError.expose) {
    return new AppError(httpError.status, "bad_request", httpError.message ?? "Bad request.");
  }
  // The router marks a path parameter that is not valid percent-encoded UTF-8 with status 400.
  if (error instanceof URIError && httpError.status === 400) {
    return new AppError(400, "bad_request", "The path is not valid percent-encoded UTF-8.");
  }
  if (error instanceof Error && DATABASE_DOWN.has(error.name)) {
    return serviceUnavailable("The database is not reachable right now; try again shortly.");
  }
  return undefined;
}

/** Writes the one error shape. */
export function sendError(res: Response, error: AppError): void {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      requestId: res.locals.requestId,
    },
  };
  if (error.code === "rate_limited") {
    const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retry) res.setHeader("Retry-After", String(retry));
  }
  res.status(error.status).json(body);
}

/** The one error handler: known errors keep their status and code; unknown ones become a generic 500. */
export const errorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const known = toAppError(error);
  if (known) {
    if (known.status >= 500) log.warn(known.message, { code: known.code, cause: (error as Error).message });
    sendError(res, known);
    return;
  }
  log.error("unexpected error", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  sendError(
    res,
    new AppError(500, "internal_error", `Something went wrong on our side. Quote request id ${res.locals.requestId}.`),
  );
};
