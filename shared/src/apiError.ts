import { z } from "zod";

/** Stable, snake_case error codes: clients branch on these, never on messages. */
export const ERROR_CODES = [
  "validation_failed",
  "invalid_json",
  "bad_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "route_not_found",
  "version_conflict",
  "already_exists",
  "invalid_transition",
  "unprocessable",
  "no_grid_at_location",
  "territory_invalid",
  "idempotency_key_reused",
  "request_in_progress",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "service_unavailable",
  "internal_error",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Whether a client should send the same request again later, with the same Idempotency-Key:
 * no session (after signing in again), a timeout, a rate limit, trouble on the server, or a
 * first attempt still in progress (one that died is taken over by the retry).
 */
export function isRetryableAnswer(status: number, code?: string): boolean {
  return status === 401 || status === 408 || status === 429 || status >= 500 || code === "request_in_progress";
}

/** One problem with one field of a request; `path` is dotted, e.g. `tasks.0.dueAt`. */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The one shape of every 4xx and 5xx body. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
