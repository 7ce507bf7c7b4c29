import type { Actor } from "../policies/actor";

/**
 * Signed-in actors by token for a few seconds, sparing two database reads per request. Sign-out
 * and deactivation on this instance drop entries at once; on other instances a revoked token
 * works for at most TTL_MS more.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const entries = new Map<string, { actor: Actor; until: number }>();

/** The cached actor of a token, if fresh. */
export function cachedActor(token: string, now = Date.now()): Actor | undefined {
  const entry = entries.get(token);
  if (!entry) return undefined;
  if (entry.until > now) return entry.actor;
  entries.delete(token);
  return undefined;
}

/** Remembers the actor of a token. */
export function cacheActor(token: string, actor: Actor, now = Date.now()): void {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(token, { actor, until: now + TTL_MS });
}

/** Forgets every cached token of a session or of a user. */
export function forgetActors(match: { sessionId?: string; userId?: string }): void {
  for (const [token, entry] of entries) {
    if (entry.actor.sessionId === match.sessionId || entry.actor.id === match.userId) entries.delete(token);
  }
}
