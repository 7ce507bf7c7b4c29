import mongoose from "mongoose";
import { createLogger } from "../logging/logger";

const log = createLogger("database");

// Query filters are sanitised ($-operators in user input become literals) and unknown paths
// throw instead of silently matching everything.
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", "throw");

/** Timeouts chosen so that an outage shows within seconds and recovery needs no restart. */
const CONNECT_OPTIONS: mongoose.ConnectOptions = {
  serverSelectionTimeoutMS: 5000,
  connectTimeoutMS: 5000,
  heartbeatFrequencyMS: 2000,
  socketTimeoutMS: 60_000,
  maxPoolSize: 20,
  // Fail fast while disconnected instead of queueing requests in memory.
  bufferCommands: false,
  autoIndex: true,
};

let connecting: Promise<void> | undefined;
let stopped = false;

/**
 * Connects the default mongoose connection, retrying with backoff until it succeeds or
 * disconnectDatabase() is called. Resolves on the first successful connection.
 */
export function connectDatabase(uri: string): Promise<void> {
  stopped = false;
  if (mongoose.connection.readyState === 1) return Promise.resolve();
  connecting ??= (async () => {
    let delay = 500;
    for (;;) {
      try {
        await mongoose.connect(uri, CONNECT_OPTIONS);
        log.info("connected", { host: mongoose.connection.host, port: mongoose.connection.port });
        return;
      } catch (error) {
        if (stopped) throw error;
        log.warn("cannot connect yet; retrying", { error: (error as Error).message, retryInMs: delay });
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  })().finally(() => {
    connecting = undefined;
  });
  return connecting;
}

/** Closes the default connection; stops a pending retry loop. */
export async function disconnectDatabase(): Promise<void> {
  stopped = true;
  await mongoose.disconnect();
}

/** True when the database answers a ping within `timeoutMs`. */
export async function pingDatabase(timeoutMs: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      db
        .admin()
        .command({ ping: 1 })
        .then(() => true)
        .catch(() => false),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

mongoose.connection.on("disconnected", () => (stopped ? log.info("disconnected") : log.warn("disconnected")));
mongoose.connection.on("reconnected", () => log.info("reconnected"));
