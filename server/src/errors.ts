import type { ErrorCode, FieldIssue } from "@gridrisk/shared";

/** An error whose status, code and message may be shown to the client as they are. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** 400: the request's fields are wrong; `issues` names each field and its problem. */
export const validationFailed = (issues: FieldIssue[], message?: string): AppError =>
  new AppError(
    400,
    "validation_failed",
    message ?? issues.map((issue) => `${issue.path || "body"}: ${issue.message}`).join("; "),
    { issues },
  );

/** 400: the body is not valid JSON. */
export const invalidJson = (message: string): AppError => new AppError(400, "invalid_json", message);

/** 401: no valid credentials. */
export const unauthenticated = (message = "Sign in first."): AppError => new AppError(401, "unauthenticated", message);

/** 403: the caller's role may never do this. */
export const forbidden = (message = "Your role may not do this."): AppError => new AppError(403, "forbidden", message);

/** 404: no such object, or not within the caller's territory (the same answer, on purpose). */
export const notFound = (what: string): AppError => new AppError(404, "not_found", `${what} was not found.`);

/** 404 for an /api path that no route serves. */
export const routeNotFound = (method: string, path: string): AppError =>
  new AppError(404, "route_not_found", `No API route for ${method} ${path}.`);

/** 409: the object changed since the caller read it. */
export const versionConflict = (message: string, details?: unknown): AppError =>
  new AppError(409, "version_conflict", message, details);

/** 409: a unique value (username, code) is taken. */
export const alreadyExists = (message: string, details?: unknown): AppError =>
  new AppError(409, "already_exists", message, details);

/** 413: the body is larger than the limit. */
export const payloadTooLarge = (limitBytes: number): AppError =>
  new AppError(413, "payload_too_large", `The request body is larger than ${limitBytes} bytes.`, { limitBytes });

/** 415: the body's media type is not accepted. */
export const unsupportedMediaType = (message: string): AppError => new AppError(415, "unsupported_media_type", message);

/** 422: well-formed, but not possible in the current state of things. */
export const unprocessable = (message: string, details?: unknown): AppError =>
  new AppError(422, "unprocessable", message, details);

/** 429: too many attempts; `retryAfterSeconds` tells when to try again. */
export const rateLimited = (message: string, retryAfterSeconds: number): AppError =>
  new AppError(429, "rate_limited", message, { retryAfterSeconds });

/** 503: a dependency (the database) is not reachable now. */
export const serviceUnavailable = (message: string): AppError => new AppError(503, "service_unavailable", message);
