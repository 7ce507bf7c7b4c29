/** Largest JSON request body the server accepts. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/** Longest request id accepted from a client's X-Request-Id header. */
export const REQUEST_ID_MAX_LENGTH = 128;
