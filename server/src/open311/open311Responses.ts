import type { Open311Format } from "@gridrisk/shared";
import type { ErrorRequestHandler, Response } from "express";
import { AppError } from "../errors";
import { createLogger } from "../logging/logger";
import { toAppError } from "../middlewares/errorHandler";
import { type XmlElement, xmlDocument } from "./open311Xml";

const log = createLogger("open311");

/** Sends a GeoReport v2 response as JSON, or as XML built by `xml`. */
export function sendOpen311(
  res: Response,
  format: Open311Format,
  status: number,
  json: unknown,
  xml: () => XmlElement,
): void {
  res.status(status);
  if (format === "xml") res.type("text/xml; charset=utf-8").send(xmlDocument(xml()));
  else res.type("application/json; charset=utf-8").send(JSON.stringify(json));
}

/** The format named by a path's extension; anything else is JSON (for the error that follows). */
export function formatOf(path: string): Open311Format {
  return path.endsWith(".xml") ? "xml" : "json";
}

/** GeoReport v2 errors: `[{ code, description }]`, or `<errors><error>…` in XML, one per problem. */
export function sendOpen311Errors(res: Response, format: Open311Format, error: AppError): void {
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  const descriptions = issues?.length
    ? issues.map(
        (issue) => `${issue.path.replace(/^(query|body|params)\./, "").replace(/\.\d+$/, "")} ${issue.message}`,
      )
    : [error.message];
  const errors = descriptions.map((description) => ({ code: error.status, description }));
  sendOpen311(res, format, error.status, errors, () => [
    "errors",
    errors.map(
      (entry): XmlElement => [
        "error",
        [
          ["code", entry.code],
          ["description", entry.description],
        ],
      ],
    ),
  ]);
}

/** The error handler of /open311/v2: the spec's error format, never the API's. */
export const open311ErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const known = toAppError(error);
  if (!known) log.error("unexpected error", { error: error instanceof Error ? error.stack : String(error) });
  sendOpen311Errors(
    res,
    formatOf(req.path),
    known ??
      new AppError(
        500,
        "internal_error",
        `Something went wrong on our side. Quote request id ${res.locals.requestId}.`,
      ),
  );
};
