import { randomUUID } from "node:crypto";
import { REQUEST_ID_MAX_LENGTH } from "@gridrisk/shared";
import type { RequestHandler } from "express";
import { runWithRequestContext } from "../logging/requestContext";

const SAFE_ID = new RegExp(`^[A-Za-z0-9._:-]{1,${REQUEST_ID_MAX_LENGTH}}$`);

/** Gives every request an id (the caller's X-Request-Id when safe), echoed in the response. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get("x-request-id");
  const id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader("X-Request-Id", id);
  runWithRequestContext({ requestId: id }, () => next());
};
