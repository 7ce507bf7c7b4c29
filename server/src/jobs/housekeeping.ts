import { trusted } from "../database/trustedFilter";
import { EventVersionClaimModel } from "../models/eventVersionClaim";
import { IdempotencyKeyModel } from "../models/idempotencyKey";

const DAY_MS = 24 * 3600_000;
/** A client retries a report for days at most (an offline phone); keys are kept a week. */
const KEEP_IDEMPOTENCY_KEYS_MS = 7 * DAY_MS;
/** A version claim matters only while its transition is in flight; a day is ample. */
const KEEP_VERSION_CLAIMS_MS = DAY_MS;

/** Deletes idempotency keys and version claims that can no longer matter (no TTL indexes on FerretDB). */
export async function pruneExpiredRecords(now: Date): Promise<{ idempotencyKeys: number; versionClaims: number }> {
  const keys = await IdempotencyKeyModel.deleteMany({
    createdAt: trusted({ $lt: new Date(now.getTime() - KEEP_IDEMPOTENCY_KEYS_MS) }),
  });
  const claims = await EventVersionClaimModel.deleteMany({
    claimedAt: trusted({ $lt: new Date(now.getTime() - KEEP_VERSION_CLAIMS_MS) }),
  });
  return { idempotencyKeys: keys.deletedCount, versionClaims: claims.deletedCount };
}
