import { parse as parseCookie } from "cookie";
import type { RequestHandler, Response } from "express";
import { cacheActor, cachedActor } from "../auth/actorCache";
import type { SessionStore } from "../auth/sessionStore";
import { unauthenticated } from "../errors";
import { currentRequestContext } from "../logging/requestContext";
import { type UserDoc, UserModel } from "../models/user";
import type { Actor } from "../policies/actor";

/** Name of the httpOnly cookie that carries the session token. */
export const SESSION_COOKIE = "gridrisk_session";

/** The token of a request: `Authorization: Bearer …` first, then the cookie. */
export function tokenOf(authorization: string | undefined, cookieHeader: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return bearer;
  return cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
}

/** The actor of a stored user, acting in the session (or API key) `sessionId`. */
export function actorOfUser(user: UserDoc, sessionId: string): Actor {
  return {
    id: user._id.toHexString(),
    username: user.username,
    name: user.name,
    role: user.role,
    scope: user.scope.map((id) => id.toHexString()),
    ...(user.departmentId ? { departmentId: user.departmentId.toHexString() } : {}),
    sessionId,
  };
}

/** Resolves a token to the actor it signs in, or undefined. */
export async function actorForToken(sessions: SessionStore, token: string | undefined): Promise<Actor | undefined> {
  if (!token) return undefined;
  const cached = cachedActor(token);
  if (cached) return cached;
  const session = await sessions.resolve(token);
  if (!session) return undefined;
  const user = await UserModel.findById(session.userId).lean();
  if (!user?.active) return undefined;
  const actor = actorOfUser(user, session.sessionId);
  cacheActor(token, actor);
  return actor;
}

/** The name of the middleware `authenticate` returns: the route table test reads it (`test/security/`). */
export const SESSION_GUARD_NAME = "requireSession";

/** Requires a valid session; puts the actor in res.locals.actor. */
export function authenticate(sessions: SessionStore): RequestHandler {
  const requireSession: RequestHandler = async (req, res, next) => {
    const actor = await actorForToken(sessions, tokenOf(req.get("authorization"), req.get("cookie")));
    if (!actor) throw unauthenticated("Sign in first: the session token is missing, expired or revoked.");
    res.locals.actor = actor;
    const context = currentRequestContext();
    if (context) context.userId = actor.id;
    next();
  };
  return requireSession;
}

/** The signed-in actor of a request that passed `authenticate`. */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw unauthenticated();
  return actor;
}
