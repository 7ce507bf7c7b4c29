/**
 * `npm start`: builds the client if needed, starts the database (embedded FerretDB unless
 * MONGODB_URI is set), seeds demo data on the first run, serves the app and prints where.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { runServer } from "@gridrisk/server/main";
import { seedDemoDataOnFirstRun } from "@gridrisk/server/seed/demoSeed";
import { ensureClientBuilt } from "./clientBuild";
import { launchDatabase, type RunningDatabase } from "./db/databaseLauncher";
import { MissingToolError } from "./db/ferretdbBinary";
import { launchOptionsFromEnv } from "./db/launchOptionsFromEnv";
import { projectRoot } from "./projectPaths";

const envFile = path.join(projectRoot, ".env");
if (existsSync(envFile)) process.loadEnvFile(envFile);
process.env.DATA_DIR = path.resolve(projectRoot, process.env.DATA_DIR || "data");

ensureClientBuilt();

let database: RunningDatabase;
try {
  database = await launchDatabase(launchOptionsFromEnv(process.env, "app"));
} catch (error) {
  process.stderr.write(`\nCannot start the database.\n${(error as Error).message}\n`);
  process.exit(error instanceof MissingToolError ? 69 : 1);
}

const stopDatabase = database.stop;
process.on("uncaughtException", (error) => {
  process.stderr.write(`Fatal: ${error.stack ?? error.message}\n`);
  void stopDatabase().finally(() => process.exit(1));
});

const server = await runServer({ ...process.env, MONGODB_URI: database.uri }, { waitForDatabase: true });
const seeded = await seedDemoDataOnFirstRun({ demoPassword: process.env.DEMO_PASSWORD || "demo-password" });

const publicUrl = server.url.replace("127.0.0.1", "localhost");
const lines = [
  "",
  `  Grid risk events is running at ${publicUrl}`,
  `  Database: ${database.external ? "MONGODB_URI" : `embedded FerretDB (${launchOptionsFromEnv(process.env, "app").backend}), ${database.uri}`}`,
  seeded.accounts.length
    ? `  Demo accounts (password "${seeded.password}"):\n${seeded.accounts.map((a) => `    ${a.username.padEnd(16)} ${a.description}`).join("\n")}`
    : "  Demo accounts: none yet (the demo city and its accounts arrive with the territory module).",
  "  Press Ctrl-C to stop.",
  "",
];
process.stdout.write(`${lines.join("\n")}\n`);

let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  server
    .close()
    .catch(() => undefined)
    .then(() => stopDatabase())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
process.on("SIGHUP", shutdown);
