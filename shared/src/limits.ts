/** Largest JSON request body the server accepts. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/** Largest territory GeoJSON accepted by the import API. */
export const TERRITORY_IMPORT_LIMIT_BYTES = 64 * 1024 * 1024;

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

/** Accounts and sign-in. */
export const USER_LIMITS = {
  usernamePattern: /^[a-z0-9._-]{3,40}$/,
  maxUsernameLength: 40,
  maxNameLength: 50,
  minPasswordLength: 10,
  maxPasswordLength: 200,
  maxScopeRegions: 50,
} as const;

/** Sign-in throttling: failures before an account locks, and for how long. */
export const LOGIN_LIMITS = {
  maxFailuresPerAccount: 5,
  accountLockMinutes: 15,
  maxFailuresPerAddress: 30,
  addressWindowMinutes: 15,
  sessionHours: 12,
} as const;
