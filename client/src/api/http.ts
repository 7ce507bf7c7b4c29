import { type ErrorBody, errorBodySchema, type FieldIssue } from "@gridrisk/shared";

/** An error answer of the API, in its one shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The field problems of a 400, by dotted path. */
  get issues(): FieldIssue[] {
    return (this.details as { issues?: FieldIssue[] } | undefined)?.issues ?? [];
  }
}

/** A network failure: the request never got an answer. */
export class OfflineError extends Error {}

/** Calls the API with the session cookie; JSON in, JSON out; throws ApiError or OfflineError. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: "same-origin",
      ...rest,
      headers: {
        Accept: "application/json",
        ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch (error) {
    throw new OfflineError((error as Error).message);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    const error: ErrorBody["error"] = parsed.success
      ? parsed.data.error
      : { code: "internal_error", message: `HTTP ${response.status}` };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return body as T;
}
