/**
 * `npm run dev`: the database, the API server restarted on change (node --watch), and Vite's dev
 * server with hot reload, which proxies /api and /socket.io to the API server.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { launchDatabase } from "./db/databaseLauncher";
import { launchOptionsFromEnv } from "./db/launchOptionsFromEnv";
import { projectRoot } from "./projectPaths";

const envFile = path.join(projectRoot, ".env");
if (existsSync(envFile)) process.loadEnvFile(envFile);
const apiPort = process.env.PORT || "3000";
const database = await launchDatabase(launchOptionsFromEnv(process.env, "app"));

const children: ChildProcess[] = [
  spawn(process.execPath, ["--import", "tsx", "--watch", "server/src/main.ts"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, MONGODB_URI: database.uri, PORT: apiPort, DATA_DIR: path.resolve(projectRoot, "data") },
  }),
  spawn(process.execPath, [path.join(projectRoot, "node_modules", "vite", "bin", "vite.js")], {
    cwd: path.join(projectRoot, "client"),
    stdio: "inherit",
    env: { ...process.env, API_PORT: apiPort },
  }),
];

const shutdown = (): void => {
  for (const child of children) child.kill("SIGTERM");
  void database.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
