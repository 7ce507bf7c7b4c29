import path from "node:path";
import { USER_LIMITS } from "@gridrisk/shared";
import { z } from "zod";
import { TILE_PROVIDERS, type TileProvider } from "./map/tileProviders";

const LOG_LEVELS = ["error", "warn", "info", "http", "verbose", "debug", "silly"] as const;

const booleanString = z.enum(["true", "false", "1", "0", ""]).transform((value) => value === "true" || value === "1");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    MONGODB_URI: z
      .string({ error: "is required (npm start sets it after starting the embedded database)" })
      .regex(/^mongodb(\+srv)?:\/\/.+/, "must start with mongodb:// or mongodb+srv://"),
    DATA_DIR: z.string().min(1).default("data"),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, "must start with redis:// or rediss://")
      .optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    LOG_FORMAT: z.enum(["json", "pretty", "auto"]).default("auto"),
    DEMO_PASSWORD: z
      .string()
      .min(USER_LIMITS.minPasswordLength, `must be at least ${USER_LIMITS.minPasswordLength} characters`)
      .default("demo-password"),
    TOKEN_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    TRUST_PROXY: booleanString.default(false),
    MAP_TILE_URL: z
      .string()
      .regex(/^https?:\/\/.+/, "must start with http:// or https://")
      .refine(
        (url) => url.includes("{z}") && url.includes("{x}") && (url.includes("{y}") || url.includes("{-y}")),
        "must contain {z}, {x} and {y}",
      )
      .optional(),
    MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
    MAP_TILE_PROVIDER: z.enum(TILE_PROVIDERS, { error: `must be one of ${TILE_PROVIDERS.join(", ")}` }).default("xyz"),
    MAP_TILE_KEY: z.string().max(200).optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    KEEP_PHOTO_LOCATION: booleanString.default(true),
    INSPECTION_RADIUS_M: z.coerce.number().int().min(10).max(10_000).default(300),
    DB_SERIAL_WRITES: booleanString.default(false),
  })
  .superRefine((env, context) => {
    if (env.MAP_TILE_PROVIDER === "tianditu" && !env.MAP_TILE_KEY && !env.MAP_TILE_URL) {
      context.addIssue({ code: "custom", path: ["MAP_TILE_KEY"], message: "is required for the tianditu provider" });
    }
    if (env.NODE_ENV === "production" && !env.TOKEN_SECRET) {
      context.addIssue({
        code: "custom",
        path: ["TOKEN_SECRET"],
        message: "is required when NODE_ENV=production",
      });
    }
  });

/** The server's validated configuration, read once at start. */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  mongodbUri: string;
  /** Absolute folder for local state (token secret in development, embedded database files). */
  dataDir: string;
  redisUrl?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** JSON lines, or colourful single lines for a person at a terminal. */
  logFormat: "json" | "pretty";
  demoPassword: string;
  /** Secret for signing tokens; when absent in development it is generated into DATA_DIR. */
  tokenSecret?: string;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  /** XYZ tile URL template for the maps (WGS-84 tiles); none: maps draw on a plain background. */
  mapTileUrl?: string;
  mapTileAttribution?: string;
  /** Whose tiles: plain XYZ (WGS-84), Tianditu (with MAP_TILE_KEY), or AMap / Tencent (GCJ-02). */
  mapTileProvider: TileProvider;
  mapTileKey?: string;
  /** Keep a photo's EXIF GPS position (as separate fields) when its metadata is stripped. */
  keepPhotoLocation: boolean;
  /** An inspection check-in farther than this from the institution (metres) is flagged. */
  inspectionCheckInRadiusM: number;
  /** Send this process's hot-path writes one at a time (FerretDB on SQLite: see database/writeGate.ts). */
  serialWrites: boolean;
}

/** Every problem found in the environment, one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates configuration from an environment; throws ConfigError listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv, options: { isTty?: boolean } = {}): Config {
  // An empty variable means "not set": shells and .env files produce them easily.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const value = present[name];
        const shown = value === undefined || name.includes("SECRET") ? "" : ` (got "${value}")`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    mongodbUri: env.MONGODB_URI,
    dataDir: path.resolve(env.DATA_DIR),
    redisUrl: env.REDIS_URL,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT === "auto" ? (options.isTty ? "pretty" : "json") : env.LOG_FORMAT,
    demoPassword: env.DEMO_PASSWORD,
    tokenSecret: env.TOKEN_SECRET,
    trustProxy: env.TRUST_PROXY,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    mapTileUrl: env.MAP_TILE_URL,
    mapTileAttribution: env.MAP_TILE_ATTRIBUTION,
    mapTileProvider: env.MAP_TILE_PROVIDER,
    mapTileKey: env.MAP_TILE_KEY,
    keepPhotoLocation: env.KEEP_PHOTO_LOCATION,
    inspectionCheckInRadiusM: env.INSPECTION_RADIUS_M,
    serialWrites: env.DB_SERIAL_WRITES,
  };
}
