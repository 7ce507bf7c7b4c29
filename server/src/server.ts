import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import type { Server as SocketServer } from "socket.io";
import { type AppDependencies, createApp } from "./app";
import { connectDatabase } from "./database/connection";
import { gracefulShutdown } from "./lifecycle/gracefulShutdown";
import { createLogger } from "./logging/logger";
import { createSocketServer } from "./realtime/socketServer";

const log = createLogger("server");

/** A started server: its address and how to stop it. */
export interface RunningServer {
  app: Express;
  httpServer: HttpServer;
  io: SocketServer;
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Graceful shutdown; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP server and Socket.IO on one port and connects the database. Listening does not
 * wait for the database: /readyz says 503 until it answers.
 */
export async function startServer(deps: AppDependencies & { waitForDatabase?: boolean }): Promise<RunningServer> {
  const { config } = deps;
  const app = createApp(deps);
  const httpServer = createServer(app);
  // Slow clients must not hold sockets forever; keep-alive a little longer than common proxies.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 60_000;
  httpServer.keepAliveTimeout = 65_000;
  const io = createSocketServer(httpServer);

  const connected = connectDatabase(config.mongodbUri).catch((error: Error) => {
    log.error("database connection abandoned", { error: error.message });
  });
  if (deps.waitForDatabase) await connected;

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info("listening", { url });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= gracefulShutdown({ httpServer, io, timeoutMs: config.shutdownTimeoutMs });
    return closing;
  };
  return { app, httpServer, io, url, close };
}
