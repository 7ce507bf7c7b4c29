import type { RequestHandler } from "express";
import { validationFailed } from "../errors";

const NUL = "\u0000";
/** Deeper than any body the schemas accept; deeper bodies are refused by them anyway. */
const MAX_DEPTH = 64;

/** The dotted path of the first string (or key) holding a NUL character, or undefined. */
export function nulPathIn(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === "string") return value.includes(NUL) ? path : undefined;
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (key.includes(NUL)) return at;
    const found = nulPathIn(inner, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses a request with a NUL character (U+0000) in any body or query string, naming the field.
 * No text this system keeps needs one, and PostgreSQL (under FerretDB) cannot store it: such a
 * report reached the database and came back as a 500.
 */
export const rejectNulCharacters: RequestHandler = (req, _res, next) => {
  const path = nulPathIn(req.body, "body") ?? nulPathIn(req.query, "query");
  if (path) throw validationFailed([{ path, message: "must not contain the NUL character (U+0000)" }]);
  next();
};
