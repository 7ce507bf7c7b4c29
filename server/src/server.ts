import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LOGIN_LIMITS } from "@gridrisk/shared";
import type { Express } from "express";
import { type AppDependencies, createApp } from "./app";
import { reloadCalendar, watchCalendar } from "./calendar/calendarStore";
import { connectDatabase } from "./database/connection";
import { ensureIndexes } from "./database/ensureIndexes";
import { configureWriteGate } from "./database/writeGate";
import { forgetEvent } from "./events/eventCache";
import { loadRecentEvents } from "./events/recentEvents";
import { inspectionTaskStore } from "./inspections/inspectionTaskStore";
import { metricsStore } from "./metrics/metricsStore";
import { upgradeChangeLogIds } from "./realtime/changeLogUpgrade";
import "./models";
import { schedulePruning } from "./jobs/expiredSignInPruning";
import { startScheduler } from "./jobs/scheduler";
import { createLogger } from "./logging/logger";
import { gracefulShutdown } from "./process/gracefulShutdown";
import { NotifyingSessionStore } from "./realtime/sessionRevocations";
import { createSocketServer, type LiveServer } from "./realtime/socketServer";
import { onRegionsMoved, reloadTerritory, watchTerritory } from "./territory/territoryCache";
import { resolveTokenSecret } from "./tokenSecret";
import { listenForWebhookEvents } from "./webhooks/webhookListener";

const log = createLogger("server");
/** How often an instance checks whether another one changed the territory. */
const TERRITORY_POLL_MS = 15_000;
const PRUNE_INTERVAL_MS = 3600_000;

/** A started server: its address and how to stop it. */
export interface RunningServer {
  app: Express;
  httpServer: HttpServer;
  io: LiveServer;
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Graceful shutdown; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP server and Socket.IO on one port and connects the database. Listening does not
 * wait for the database: /readyz says 503 until it answers.
 */
export async function startServer(
  deps: Omit<AppDependencies, "tokenSecret"> & {
    waitForDatabase?: boolean;
    /** false: no periodic jobs (for tests that run a job themselves with their own clock). */
    jobs?: boolean;
  },
): Promise<RunningServer> {
  const { config } = deps;
  configureWriteGate(config.serialWrites);
  const tokenSecret = await resolveTokenSecret(config);
  // One store for the API and the live connection, so that a sign-out cuts the user's sockets.
  const sessions = new NotifyingSessionStore(tokenSecret, LOGIN_LIMITS.sessionHours * 3600_000);
  const app = createApp({ ...deps, tokenSecret, sessions });
  const httpServer = createServer(app);
  // Slow clients must not hold sockets forever; keep-alive a little longer than common proxies.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 60_000;
  httpServer.keepAliveTimeout = 65_000;
  const realtime = createSocketServer(httpServer, {
    sessions,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  });
  const { io } = realtime;

  const connected = connectDatabase(config.mongodbUri)
    .then(() => ensureIndexes())
    .then(() => upgradeChangeLogIds())
    .then(() => Promise.all([reloadTerritory(), reloadCalendar(), loadRecentEvents()]))
    // The figures, the map, task lists and risk profiles read facts built by one scan each: start
    // them now, not at the first look.
    .then(() => {
      metricsStore.warmUp();
      inspectionTaskStore.warmUp();
    })
    .catch((error: Error) => {
      log.error("database connection or territory load failed", { error: error.message });
    });
  if (deps.waitForDatabase) await connected;
  const stopWatchingTerritory = watchTerritory(TERRITORY_POLL_MS);
  // Records below a moved region have new region paths: drop what was kept of them.
  const stopFollowingMoves = onRegionsMoved(() => {
    forgetEvent();
    metricsStore.invalidate();
    loadRecentEvents().catch((error: Error) => log.warn("recent events not reloaded", { error: error.message }));
  });
  const stopPruning = schedulePruning(PRUNE_INTERVAL_MS);
  const stopScheduler = deps.jobs === false ? () => undefined : startScheduler();
  const stopWebhookListener = listenForWebhookEvents();
  const stopWatchingCalendar = watchCalendar(TERRITORY_POLL_MS);

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
    stopWatchingTerritory();
    stopFollowingMoves();
    stopPruning();
    stopScheduler();
    stopWebhookListener();
    stopWatchingCalendar();
    closing ??= gracefulShutdown({ httpServer, io, timeoutMs: config.shutdownTimeoutMs }).then(() => realtime.stop());
    return closing;
  };
  return { app, httpServer, io, url, close };
}
