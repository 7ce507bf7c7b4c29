import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { SessionModel } from "../models/session";
import { forgetActors } from "./actorCache";

/** What a token resolves to. */
export interface ResolvedSession {
  sessionId: string;
  userId: string;
  expiresAt: Date;
}

/** Issues, resolves and revokes sign-in sessions; tokens are `<id>.<secret>`. */
export class SessionStore {
  constructor(
    private readonly tokenSecret: string,
    /** How long a session lasts. */
    readonly ttlMs: number,
  ) {}

  private hmac(secret: string): string {
    return createHmac("sha256", this.tokenSecret).update(secret).digest("base64url");
  }

  /** Creates a session and returns the token for the client. */
  async create(userId: string, meta: { ip?: string; userAgent?: string }, now = new Date()) {
    const id = randomBytes(16).toString("base64url");
    const secret = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await SessionModel.create({
      _id: id,
      userId,
      secretHmac: this.hmac(secret),
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300),
    });
    return { token: `${id}.${secret}`, expiresAt };
  }

  /** The live session a token names, or undefined (malformed, unknown, wrong secret, expired or revoked). */
  async resolve(token: string, now = new Date()): Promise<ResolvedSession | undefined> {
    const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const [, id, secret] = match as unknown as [string, string, string];
    const session = await SessionModel.findById(id).lean();
    if (!session || session.revokedAt || session.expiresAt <= now) return undefined;
    const expected = Buffer.from(session.secretHmac);
    const actual = Buffer.from(this.hmac(secret));
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    return { sessionId: id, userId: session.userId.toHexString(), expiresAt: session.expiresAt };
  }

  /** Revokes one session (sign-out). */
  async revoke(sessionId: string, now = new Date()): Promise<void> {
    forgetActors({ sessionId });
    // By _id alone: FerretDB v1 on SQLite scans the whole collection for any other condition.
    await SessionModel.updateOne({ _id: sessionId }, { $set: { revokedAt: now } });
  }

  /** Revokes every session of a user (deactivation, password change). */
  async revokeAllOf(userId: string, now = new Date()): Promise<void> {
    forgetActors({ userId });
    await SessionModel.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } });
  }
}
