import type { z } from "zod";
import type { FieldIssue } from "./apiError";

/** Turns a zod error into the field issues of the error shape, paths dotted (`tasks.0.dueAt`). */
export function toFieldIssues(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== "").join("."),
    message: issue.message,
  }));
}
