import type { ClientToServerEvents, ServerToClientEvents } from "@gridrisk/shared";
import { io, type Socket } from "socket.io-client";

/**
 * The app's one Socket.IO connection, same origin as the page. It connects once the user has
 * signed in (the server refuses sockets without a session); the session cookie authenticates it.
 */
export const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
  path: "/socket.io",
  transports: ["websocket", "polling"],
  autoConnect: false,
  withCredentials: true,
});
