import { toFieldIssues } from "@gridrisk/shared";
import type { z } from "zod";
import { validationFailed } from "../errors";

/** Parses `value` with `schema`, or throws 400 validation_failed naming each field (prefixed by `where`). */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: "body" | "query" | "params",
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationFailed(toFieldIssues(parsed.error, where));
  return parsed.data;
}
