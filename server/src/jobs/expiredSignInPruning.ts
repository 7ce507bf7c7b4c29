import { trusted } from "../database/trustedFilter";
import { createLogger } from "../logging/logger";
import { LoginThrottleModel } from "../models/loginThrottle";
import { SessionModel } from "../models/session";

const log = createLogger("jobs");
/** Sessions are kept a day past expiry or revocation, for the audit of who was signed in when. */
const KEEP_MS = 24 * 3600_000;

/**
 * Deletes expired sessions and finished throttle windows (FerretDB has no TTL indexes). Safe to
 * run on every instance at once: each run is one idempotent deleteMany per collection.
 */
export async function pruneExpiredSignIns(now = new Date()): Promise<{ sessions: number; throttles: number }> {
  const cutoff = new Date(now.getTime() - KEEP_MS);
  const sessions = await SessionModel.deleteMany({ expiresAt: trusted({ $lt: cutoff }) });
  const throttles = await LoginThrottleModel.deleteMany({ windowEndsAt: trusted({ $lt: now }) });
  return { sessions: sessions.deletedCount, throttles: throttles.deletedCount };
}

/** Runs the pruning every `intervalMs`; returns a function that stops it. */
export function schedulePruning(intervalMs: number): () => void {
  const timer = setInterval(() => {
    pruneExpiredSignIns().then(
      (deleted) => log.info("pruned expired sign-ins", deleted),
      (error: Error) => log.warn("pruning failed", { error: error.message }),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
