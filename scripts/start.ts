/**
 * `npm start`: builds the client if needed, starts the database (embedded FerretDB unless
 * MONGODB_URI is set), seeds demo data on the first run, serves the app and prints where.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { runServer } from "@gridrisk/server/main";
import { DEFAULT_DEMO_OPEN311_KEY, ensureDemoOpen311Key } from "@gridrisk/server/open311/open311ApiKeys";
import { seedDemoDataOnFirstRun } from "@gridrisk/server/seed/demoSeed";
import type { RunningServer } from "@gridrisk/server/server";
import { ensureClientBuilt } from "./clientBuild";
import { launchDatabase, type RunningDatabase } from "./db/databaseLauncher";
import { MissingToolError } from "./db/ferretdbBinary";
import { launchOptionsFromEnv } from "./db/launchOptionsFromEnv";
import { projectRoot } from "./projectPaths";

const envFile = path.join(projectRoot, ".env");
if (existsSync(envFile)) process.loadEnvFile(envFile);
process.env.DATA_DIR = path.resolve(projectRoot, process.env.DATA_DIR || "data");

let database: RunningDatabase | undefined;
let server: RunningServer | undefined;
let stopping = false;

/** Stops whatever has started so far, server first, then the database. */
function shutdown(exitCode: number): void {
  if (stopping) return;
  stopping = true;
  Promise.resolve()
    .then(() => server?.close())
    .catch(() => undefined)
    .then(() => database?.stop())
    .then(
      () => process.exit(exitCode),
      () => process.exit(1),
    );
}
// Registered first, so that Ctrl-C during start-up also stops what was started.
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
process.on("SIGHUP", () => shutdown(0));
process.on("uncaughtException", (error) => {
  process.stderr.write(`Fatal: ${error.stack ?? error.message}\n`);
  shutdown(1);
});

ensureClientBuilt();

const launchOptions = launchOptionsFromEnv(process.env, "app");
try {
  database = await launchDatabase(launchOptions);
} catch (error) {
  process.stderr.write(`\nCannot start the database.\n${(error as Error).message}\n`);
  process.exit(error instanceof MissingToolError ? 69 : 1);
}

// Its own FerretDB on SQLite has one writer: queue this process's writes (server/src/database/writeGate.ts).
const serialWrites = !database.external && launchOptions.backend === "sqlite" ? "true" : "false";
server = await runServer(
  { DB_SERIAL_WRITES: serialWrites, ...process.env, MONGODB_URI: database.uri },
  { waitForDatabase: true },
);
const seeded = await seedDemoDataOnFirstRun({ demoPassword: process.env.DEMO_PASSWORD || "demo-password" });
const open311Key = process.env.DEMO_OPEN311_KEY || DEFAULT_DEMO_OPEN311_KEY;
await ensureDemoOpen311Key(open311Key, seeded.password);

const publicUrl = server.url.replace("127.0.0.1", "localhost");
const databaseLine = database.external
  ? "MONGODB_URI"
  : `embedded FerretDB (${launchOptions.backend}), ${database.uri}`;
const accountLines = seeded.accounts.length
  ? [
      `  Demo accounts (password "${seeded.password}"):`,
      ...seeded.accounts.map((account) => `    ${account.username.padEnd(16)} ${account.description}`),
    ]
  : ["  Demo accounts: none yet (the demo city and its accounts arrive with the territory module)."];
process.stdout.write(
  [
    "",
    `  Grid risk events is running at ${publicUrl}`,
    `  Database: ${databaseLine}`,
    ...accountLines,
    `  Open311 GeoReport v2: ${publicUrl}/open311/v2/discovery.json, api_key "${open311Key}" (account hotline)`,
    "  Press Ctrl-C to stop.",
    "",
    "",
  ].join("\n"),
);
