/**
 * Mocha global fixtures: one test database server for the whole run (a throwaway FerretDB, or
 * MONGODB_URI when set). Each test file then works in a database of its own; see testDatabase.ts.
 */
import { configureLogging } from "@gridrisk/server/logging/logger";
import { launchDatabase, type RunningDatabase } from "../../scripts/db/databaseLauncher";
import { launchOptionsFromEnv } from "../../scripts/db/launchOptionsFromEnv";

let database: RunningDatabase | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  configureLogging({
    level: process.env.TEST_LOG_LEVEL ?? "error",
    format: "pretty",
    silent: !process.env.TEST_LOG_LEVEL,
  });
  const options = launchOptionsFromEnv(process.env, "test");
  const started = Date.now();
  database = await launchDatabase({ ...options, readyTimeoutMs: 60_000 });
  process.env.TEST_MONGODB_URI = database.uri;
  process.stderr.write(
    `Test database: ${database.external ? "MONGODB_URI" : `FerretDB on ${options.backend}`} (${Date.now() - started} ms)\n`,
  );
}

export async function mochaGlobalTeardown(): Promise<void> {
  await database?.stop();
}
