/**
 * Entry point of the server process: reads configuration, starts serving, and shuts down
 * gracefully on SIGINT/SIGTERM. The embedded database is started by scripts/start.ts, not here.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Config, ConfigError, loadConfig } from "./env";
import { configureLogging, createLogger } from "./logging/logger";
import { type RunningServer, startServer } from "./server";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built client, beside the server in the repository. */
export const DEFAULT_CLIENT_DIST_DIR = path.resolve(here, "..", "..", "client", "dist");

/** Starts the server from environment variables; exits the process on fatal errors. */
export async function runServer(
  env: NodeJS.ProcessEnv = process.env,
  options: { waitForDatabase?: boolean } = {},
): Promise<RunningServer> {
  let config: Config;
  try {
    config = loadConfig(env, { isTty: Boolean(process.stdout.isTTY) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  configureLogging({ level: config.logLevel, format: config.logFormat });
  const log = createLogger("main");
  const server = await startServer({
    config,
    clientDistDir: env.CLIENT_DIST_DIR ? path.resolve(env.CLIENT_DIST_DIR) : DEFAULT_CLIENT_DIST_DIR,
    version: env.npm_package_version ?? "0.1.0",
    waitForDatabase: options.waitForDatabase,
  });
  process.on("unhandledRejection", (reason) => {
    log.error("unhandled rejection", { error: reason instanceof Error ? reason.stack : String(reason) });
  });
  return server;
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  const server = await runServer();
  const shutdown = (signal: string): void => {
    createLogger("main").info("signal received", { signal });
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}
