import type { Server as HttpServer } from "node:http";
import type { ClientToServerEvents, ServerToClientEvents } from "@gridrisk/shared";
import { Server } from "socket.io";
import type { SessionStore } from "../auth/sessionStore";
import { createLogger } from "../logging/logger";
import { startChangeProcessor } from "./changeProcessor";
import { trackPresence } from "./presenceTracker";
import { redisAdapter } from "./redisAdapter";
import type { NotifyingSessionStore, Revocation } from "./sessionRevocations";
import { guardAgainstSlowClients } from "./slowClientGuard";
import { authenticateSocket, type SocketData, sessionStillValid } from "./socketAuth";
import { answerSync } from "./syncHandler";
import { roomsOfActor } from "./territoryRooms";

const log = createLogger("realtime");

/** The typed Socket.IO server. */
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What the live connection needs. */
export interface RealtimeOptions {
  sessions: SessionStore | NotifyingSessionStore;
  /** Redis for several instances; without it this process works alone. */
  redisUrl?: string;
  /** How often each socket's session is checked again (expiry, revocation elsewhere). */
  sessionCheckMs?: number;
}

/** The Socket.IO server and how to stop what it started besides listening. */
export interface Realtime {
  io: LiveServer;
  /** Stops the processor, the checks and Redis; `io.close()` is the shutdown's job. */
  stop(): Promise<void>;
}

const DEFAULT_SESSION_CHECK_MS = 30_000;

function revokes(revocation: Revocation, data: SocketData): boolean {
  return "sessionId" in revocation
    ? data.actor.sessionId === revocation.sessionId
    : data.actor.id === revocation.userId;
}

/** The Socket.IO server, on the same HTTP server and port as the API, authenticated and territory-scoped. */
export function createSocketServer(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const redis = options.redisUrl ? redisAdapter(options.redisUrl) : undefined;
  const io: LiveServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Same origin only: the client is served by this server.
    cors: { origin: false },
    // A recovered socket is authenticated again: its token may have been revoked meanwhile.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    ...(redis ? { adapter: redis.adapter } : {}),
  });
  io.use(authenticateSocket(options.sessions));
  io.on("connection", (socket) => {
    void socket.join(roomsOfActor(socket.data.actor));
    socket.on("sync", (request, ack) => {
      if (typeof ack !== "function") return;
      answerSync(socket.data.actor, request?.since).then(ack, (error: Error) => {
        log.warn("sync failed", { userId: socket.data.actor.id, error: error.message });
        ack({ resync: true, seq: 0 });
      });
    });
  });

  const checkSessions = async () => {
    for (const socket of io.of("/").sockets.values()) {
      const valid = await sessionStillValid(options.sessions, socket.data).catch(() => true);
      if (!valid) socket.disconnect(true);
    }
  };
  const sessionTimer = setInterval(() => void checkSessions(), options.sessionCheckMs ?? DEFAULT_SESSION_CHECK_MS);
  sessionTimer.unref();
  const stopRevocations =
    "onRevoked" in options.sessions
      ? options.sessions.onRevoked((revocation) => {
          for (const socket of io.of("/").sockets.values()) {
            if (revokes(revocation, socket.data)) socket.disconnect(true);
          }
        })
      : () => undefined;
  const stopProcessor = startChangeProcessor(io);
  const stopGuard = guardAgainstSlowClients(io);
  const stopPresence = trackPresence(io);

  return {
    io,
    async stop() {
      stopProcessor();
      stopGuard();
      stopPresence();
      stopRevocations();
      clearInterval(sessionTimer);
      await redis?.close();
    },
  };
}
