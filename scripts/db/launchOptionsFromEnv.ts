import path from "node:path";
import { projectRoot } from "../projectPaths";
import type { DatabaseBackend, LaunchOptions } from "./databaseLauncher";

/** What the database is for: the app keeps its data, tests throw theirs away. */
export type DatabasePurpose = "app" | "test";

/** Reads MONGODB_URI, DB_BACKEND, POSTGRES_URL, DATA_DIR and FERRETDB_SQLITE_ID_INDEX into launcher options. */
export function launchOptionsFromEnv(env: NodeJS.ProcessEnv, purpose: DatabasePurpose): LaunchOptions {
  const backend = (env.DB_BACKEND ?? "sqlite") as DatabaseBackend;
  if (backend !== "sqlite" && backend !== "postgresql") {
    throw new Error(`DB_BACKEND must be "sqlite" or "postgresql", got "${env.DB_BACKEND}".`);
  }
  return {
    mongodbUri: env.MONGODB_URI || undefined,
    backend,
    postgresUrl: env.POSTGRES_URL || undefined,
    dataDir: purpose === "app" ? path.resolve(projectRoot, env.DATA_DIR || "data", "db") : undefined,
    databaseName: purpose === "app" ? "gridrisk" : "gridrisk_test",
    sqliteIdIndex: env.FERRETDB_SQLITE_ID_INDEX !== "0",
  };
}
