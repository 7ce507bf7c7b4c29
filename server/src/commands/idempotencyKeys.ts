import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { insertBuiltRow } from "../database/bulkInsert";
import { isDuplicateKey } from "../database/duplicateKey";
import { AppError } from "../errors";
import { IdempotencyKeyModel } from "../models/idempotencyKey";

/** A stable hash of a validated request body. */
export function requestHashOf(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

/** The stored record of a key: `_id` is `<user>:<key>`, unique. */
export function idempotencyKeyRow(userId: string, key: string, requestHash: string, resourceId: string, now: Date) {
  return { _id: `${userId}:${key}`, userId: new Types.ObjectId(userId), key, requestHash, resourceId, createdAt: now };
}

/** Whose the key is and which resource the first request made under it creates. */
export type KeyClaim = { first: true } | { first: false; resourceId: string };

/**
 * Records an Idempotency-Key (as Stripe does) together with the id of the resource the request
 * creates, chosen before anything is written. The key's `_id` is `<user>:<key>`, so exactly one
 * insert wins, also under concurrent retries; the others learn the resource id the winner chose.
 * The same key with another request body is refused (422).
 *
 * Why a resource id rather than the stored response body: the creating write can then be done
 * again by any retry with the same id, and a unique `_id` makes exactly one of them land, so a
 * request that died between the key and the resource is completed by its retry instead of
 * blocking it; and the key needs no second write once the resource exists.
 */
export async function claimIdempotencyKey(
  userId: string,
  key: string,
  requestHash: string,
  resourceId: string,
  now = new Date(),
): Promise<KeyClaim> {
  const _id = `${userId}:${key}`;
  try {
    await insertBuiltRow(IdempotencyKeyModel, idempotencyKeyRow(userId, key, requestHash, resourceId, now), now);
    return { first: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const existing = await IdempotencyKeyModel.findById(_id).lean();
  if (!existing) throw new AppError(409, "request_in_progress", "This Idempotency-Key is changing; retry shortly.");
  if (existing.requestHash !== requestHash) {
    throw new AppError(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
  }
  return { first: false, resourceId: existing.resourceId };
}
