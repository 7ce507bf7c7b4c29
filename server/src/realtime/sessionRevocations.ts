import { EventEmitter } from "node:events";
import { SessionStore } from "../auth/sessionStore";

/** Which sessions were just revoked: one session (sign-out) or all of a user's. */
export type Revocation = { sessionId: string } | { userId: string };

/**
 * The session store that also tells the live connections of this instance when a session is
 * revoked, so that its sockets are cut at once. Sockets on other instances notice at their next
 * periodic check (realtime/socketServer.ts).
 */
export class NotifyingSessionStore extends SessionStore {
  private readonly revocations = new EventEmitter();

  override async revoke(sessionId: string, now = new Date()): Promise<void> {
    await super.revoke(sessionId, now);
    this.revocations.emit("revoked", { sessionId } satisfies Revocation);
  }

  override async revokeAllOf(userId: string, now = new Date()): Promise<void> {
    await super.revokeAllOf(userId, now);
    this.revocations.emit("revoked", { userId } satisfies Revocation);
  }

  /** Calls `listener` after each revocation; returns how to stop. */
  onRevoked(listener: (revocation: Revocation) => void): () => void {
    this.revocations.on("revoked", listener);
    return () => this.revocations.off("revoked", listener);
  }
}
