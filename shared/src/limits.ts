/** Largest JSON request body the server accepts. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/** Longest request id accepted from a client's X-Request-Id header. */
export const REQUEST_ID_MAX_LENGTH = 128;

/** Sizes a territory boundary may have. */
export const GEOMETRY_LIMITS = {
  maxPositionsPerRing: 20_000,
  maxRingsPerPolygon: 200,
  maxPolygonsPerMulti: 200,
} as const;

/** Region names and codes. */
export const REGION_LIMITS = {
  maxNameLength: 100,
  codePattern: /^[0-9A-Za-z_-]{2,40}$/,
} as const;

/** Page sizes of list endpoints. */
export const PAGE_LIMITS = { defaultLimit: 50, maxLimit: 500 } as const;
