import { REALTIME_LIMITS } from "@gridrisk/shared";
import type { Socket } from "socket.io";
import type { SessionStore } from "../auth/sessionStore";
import { actorForToken, tokenOf } from "../middlewares/authenticate";
import type { Actor } from "../policies/actor";

/** What the server keeps on each socket. */
export interface SocketData {
  actor: Actor;
  token: string;
}

/** The token of a handshake: `auth: { token }` first, then the session cookie. */
function handshakeToken(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === "string" && fromAuth) return fromAuth;
  return tokenOf(undefined, socket.handshake.headers.cookie);
}

/**
 * Socket.IO middleware: accepts the same token or cookie as the API, refuses everyone else with
 * a `connect_error` whose message is `unauthenticated`.
 */
export function authenticateSocket(sessions: SessionStore) {
  return async (socket: Socket, next: (error?: Error) => void): Promise<void> => {
    try {
      const token = handshakeToken(socket);
      const actor = await actorForToken(sessions, token);
      if (!actor || !token) return next(new Error(REALTIME_LIMITS.unauthenticated));
      (socket.data as SocketData) = { actor, token };
      next();
    } catch {
      // A database outage is not the client's fault, but no actor means no socket either way.
      next(new Error(REALTIME_LIMITS.unauthenticated));
    }
  };
}

/**
 * Whether the socket's token still signs in the same session (not expired, not revoked, user
 * still active). Throws when the database cannot tell, so an outage does not cut everyone off.
 */
export async function sessionStillValid(sessions: SessionStore, data: SocketData): Promise<boolean> {
  const actor = await actorForToken(sessions, data.token);
  return actor?.sessionId === data.actor.sessionId;
}
