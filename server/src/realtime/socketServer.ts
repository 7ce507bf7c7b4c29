import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";

/** The Socket.IO server, on the same HTTP server and port as the API. */
export function createSocketServer(httpServer: HttpServer): Server {
  return new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Same origin only: the client is served by this server.
    cors: { origin: false },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
  });
}
