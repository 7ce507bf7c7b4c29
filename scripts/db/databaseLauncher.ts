import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { projectRoot } from "../projectPaths";
import { ensureFerretdbBinary } from "./ferretdbBinary";
import { createPostgresDatabase, dropPostgresDatabase, postgresDatabaseUrl } from "./postgresDatabase";
import { ensureSqliteIdIndexBinary } from "./sqliteIdIndexBinary";

/** Storage under FerretDB: SQLite files, or the PostgreSQL server. */
export type DatabaseBackend = "sqlite" | "postgresql";

export interface LaunchOptions {
  /** A MongoDB URI to use as given; when set nothing is started. */
  mongodbUri?: string;
  /** Storage backend of the FerretDB that is started. */
  backend: DatabaseBackend;
  /** Keep data here between runs (SQLite files and FerretDB state); omit for a throwaway database. */
  dataDir?: string;
  /** Base PostgreSQL URL for the postgresql backend; its database is created when missing. */
  postgresUrl?: string;
  /** The MongoDB database name put in the returned URI. */
  databaseName: string;
  /** A fixed port to listen on; a free one is chosen when omitted. */
  port?: number;
  /** How long to wait for the first successful ping. */
  readyTimeoutMs?: number;
  /** FerretDB's own log level. */
  logLevel?: "debug" | "info" | "warn" | "error";
  /**
   * With the SQLite backend, run the `_id` lookup indexer beside FerretDB (default true; see
   * scripts/db/sqliteIdIndex/main.go). Off only to measure FerretDB as it ships.
   */
  sqliteIdIndex?: boolean;
}

export interface RunningDatabase {
  /** Connection string for mongoose. */
  uri: string;
  /** True when MONGODB_URI was given and nothing was started. */
  external: boolean;
  port?: number;
  /** Process id of FerretDB itself (not of its guardian). */
  ferretdbPid?: number;
  /** The PostgreSQL database behind FerretDB, with the postgresql backend. */
  postgresDatabase?: string;
  /** The SQLite backend's folder of database files. */
  sqliteDir?: string;
  /** Stops FerretDB and removes a throwaway database. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * SQLite settings for FerretDB: write transactions take the lock when they begin (deferred ones
 * that upgrade collide under concurrent writers and retry with back-off), and in WAL mode
 * synchronous=NORMAL keeps the database consistent while sparing an fsync per commit (a power
 * cut may lose the last commits, not corrupt the file).
 */
const SQLITE_TUNING = "_txlock=immediate&_pragma=synchronous(normal)";

const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/gridrisk";

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Pings until the server answers or the deadline passes. */
export async function waitForPing(uri: string, timeoutMs: number, exited?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no answer";
  while (Date.now() < deadline) {
    const exitReason = exited?.();
    if (exitReason) throw new Error(`FerretDB exited before it was ready (${exitReason}); see its log.`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db("admin").command({ ping: 1 });
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`The database at ${uri} did not answer a ping within ${timeoutMs} ms (last error: ${lastError}).`);
}

function spawnGuardian(binary: string, args: string[], logFile: string, cleanupDir?: string): ChildProcess {
  const guardian = path.join(projectRoot, "scripts", "db", "guardian.ts");
  // FerretDB logs every refused duplicate key at ERROR level; its log goes to a file, not our terminal.
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", guardian, binary, ...args], {
    cwd: projectRoot,
    env: { ...process.env, GUARDIAN_CLEANUP_DIR: cleanupDir ?? "" },
    stdio: ["pipe", "ignore", log],
  });
  closeSync(log);
  // The pipe is the guardian's lifeline to us; it must not keep our event loop alive on its own.
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return child;
}

/**
 * Runs the `_id` lookup indexer over FerretDB's SQLite folder. Like the guardian it holds a pipe
 * to us as its lifeline, so it never outlives this process.
 */
function spawnSqliteIdIndexer(binary: string, sqliteDir: string, logFile: string): ChildProcess {
  const log = openSync(logFile, "a");
  const child = spawn(binary, ["-dir", sqliteDir], { cwd: projectRoot, stdio: ["pipe", "ignore", log] });
  closeSync(log);
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return child;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Reads FerretDB's pid: the guardian's only child. */
async function childPidOf(parentPid: number): Promise<number | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const children = await readFile(`/proc/${parentPid}/task/${parentPid}/children`, "utf8");
      const pid = Number.parseInt(children.trim().split(/\s+/)[0] ?? "", 10);
      if (pid > 0) return pid;
    } catch {
      return undefined; // not Linux, or the guardian is gone
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

function warnNoIndexer(error: Error): undefined {
  process.stderr.write(`The SQLite _id lookup indexer could not be built (${error.message}); lookups will scan.\n`);
  return undefined;
}

/**
 * Starts the database the app needs: MONGODB_URI as given, or a FerretDB on 127.0.0.1 that
 * never outlives this process.
 */
export async function launchDatabase(options: LaunchOptions): Promise<RunningDatabase> {
  if (options.mongodbUri) {
    return { uri: options.mongodbUri, external: true, stop: async () => undefined };
  }
  const binary = await ensureFerretdbBinary();
  const throwaway = !options.dataDir;
  const baseDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "gridrisk-db-")));
  const stateDir = path.join(baseDir, "ferretdb-state");
  await mkdir(stateDir, { recursive: true });

  let postgresUrl: string | undefined;
  if (options.backend === "postgresql") {
    const base = options.postgresUrl ?? DEFAULT_POSTGRES_URL;
    postgresUrl = throwaway ? postgresDatabaseUrl(base, `gridrisk_tmp_${process.pid}_${Date.now()}`) : base;
    await createPostgresDatabase(postgresUrl);
  } else {
    await mkdir(path.join(baseDir, "sqlite"), { recursive: true });
  }

  const port = options.port ?? (await findFreePort());
  const args = [
    `--listen-addr=127.0.0.1:${port}`,
    "--telemetry=disable",
    "--debug-addr=-",
    `--state-dir=${stateDir}`,
    `--log-level=${(options.logLevel ?? "error").toUpperCase()}`,
    "--log-format=text",
    ...(options.backend === "postgresql"
      ? ["--handler=postgresql", `--postgresql-url=${postgresUrl}`]
      : ["--handler=sqlite", `--sqlite-url=file:${path.join(baseDir, "sqlite")}/?${SQLITE_TUNING}`]),
  ];
  const logFile = path.join(baseDir, "ferretdb.log");
  const guardian = spawnGuardian(binary, args, logFile, throwaway ? baseDir : undefined);
  let exitReason: string | undefined;
  guardian.once("exit", (code, signal) => {
    exitReason = `exit code ${code ?? "none"}, signal ${signal ?? "none"}`;
  });

  const sqliteDir = options.backend === "postgresql" ? undefined : path.join(baseDir, "sqlite");
  const indexerBinary =
    sqliteDir && options.sqliteIdIndex !== false ? await ensureSqliteIdIndexBinary().catch(warnNoIndexer) : undefined;
  const indexer = sqliteDir && indexerBinary ? spawnSqliteIdIndexer(indexerBinary, sqliteDir, logFile) : undefined;

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    indexer?.kill("SIGTERM");
    guardian.kill("SIGTERM");
    await waitForExit(guardian, 8000);
    if (throwaway) {
      if (postgresUrl) await dropPostgresDatabase(postgresUrl).catch(() => undefined);
      await rm(baseDir, { recursive: true, force: true });
    }
  };

  const uri = `mongodb://127.0.0.1:${port}/${options.databaseName}`;
  try {
    await waitForPing(uri, options.readyTimeoutMs ?? 30_000, () => exitReason);
  } catch (error) {
    const tail = (await readFile(logFile, "utf8").catch(() => "")).trim().split("\n").slice(-15).join("\n");
    await stop();
    throw new Error(`${(error as Error).message}${tail ? `\nFerretDB's last log lines (${logFile}):\n${tail}` : ""}`);
  }
  const ferretdbPid = guardian.pid ? await childPidOf(guardian.pid) : undefined;
  const postgresDatabase = postgresUrl ? new URL(postgresUrl).pathname.slice(1) : undefined;
  return {
    uri,
    external: false,
    port,
    ferretdbPid,
    ...(postgresDatabase ? { postgresDatabase } : {}),
    ...(sqliteDir ? { sqliteDir } : {}),
    stop,
  };
}
