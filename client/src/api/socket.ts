import { io, type Socket } from "socket.io-client";

/** The app's one Socket.IO connection, same origin as the page. */
export const socket: Socket = io({ path: "/socket.io", transports: ["websocket", "polling"], autoConnect: true });
