import type { Server as HttpServer } from "node:http";
import type { Server as SocketServer } from "socket.io";
import { disconnectDatabase } from "../database/connection";
import { createLogger } from "../logging/logger";

const log = createLogger("shutdown");

/** What a shutdown closes, in this order. */
export interface ShutdownTargets {
  httpServer: HttpServer;
  io: SocketServer;
  /** Longest wait for in-flight requests before their connections are cut. */
  timeoutMs: number;
}

/**
 * Stops accepting connections, lets in-flight requests finish (up to `timeoutMs`), closes
 * sockets, then the database.
 */
export async function gracefulShutdown({ httpServer, io, timeoutMs }: ShutdownTargets): Promise<void> {
  const started = Date.now();
  log.info("shutting down");
  const httpClosed = new Promise<void>((resolve) => {
    // io.close() disconnects every socket and closes the HTTP server, which stops accepting at
    // once, drops idle keep-alive connections and waits for in-flight requests.
    void io.close(() => resolve());
  });
  // A keep-alive connection that finishes its request while we wait would otherwise idle on
  // until the timeout; close such connections as soon as they fall idle.
  const reaper = setInterval(() => httpServer.closeIdleConnections(), 50);
  const forced = setTimeout(() => {
    log.warn("in-flight requests did not finish in time; closing their connections", { timeoutMs });
    httpServer.closeAllConnections();
  }, timeoutMs);
  await httpClosed;
  clearInterval(reaper);
  clearTimeout(forced);
  await disconnectDatabase();
  log.info("stopped", { durationMs: Date.now() - started });
}
