import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { AppError } from "../errors";
import { IdempotencyKeyModel } from "../models/idempotencyKey";

/** A response to store and replay. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

const WAIT_STEP_MS = 100;
const WAIT_STEPS = 100;
/**
 * A key still in progress after this long belongs to a request that died (its process, or the
 * database under it): a retry takes it over. Safe because the work creates its resource under
 * the id planned with the key, so a second run finds what the first one made instead of
 * making it again.
 */
export const STALE_IN_PROGRESS_MS = 10_000;

/** A stable hash of a validated request body. */
export function requestHashOf(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/**
 * Runs `work` once per (user, key): the first request inserts the key (its unique _id makes
 * exactly one insert win, also under concurrent retries) with the id of the resource it will
 * create, and stores the response; the others wait for it and replay it. The same key with
 * another body is refused (422). A request that fails releases its key, so that a corrected
 * retry may use it; one that died without either is taken over after STALE_IN_PROGRESS_MS.
 */
export async function idempotentRequest(
  userId: string,
  key: string,
  requestHash: string,
  work: (resourceId: string) => Promise<StoredResponse>,
  now: () => number = Date.now,
): Promise<StoredResponse & { replayed: boolean }> {
  const _id = `${userId}:${key}`;
  let resourceId = new Types.ObjectId().toHexString();
  try {
    await IdempotencyKeyModel.create({
      _id,
      userId,
      key,
      requestHash,
      resourceId,
      status: "in_progress",
      createdAt: new Date(now()),
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const outcome = await awaitFirstAttempt(_id, requestHash, now);
    if (outcome.kind === "done") return { ...outcome.response, replayed: true };
    // The first attempt died: carry on with the resource it planned (or a new one if it left none).
    resourceId = outcome.resourceId ?? resourceId;
  }
  let response: StoredResponse;
  try {
    response = await work(resourceId);
  } catch (error) {
    await IdempotencyKeyModel.deleteOne({ _id, status: "in_progress" });
    throw error;
  }
  await IdempotencyKeyModel.updateOne(
    { _id },
    { $set: { status: "done", responseStatus: response.status, responseBody: JSON.stringify(response.body) } },
  );
  return { ...response, replayed: false };
}

type FirstAttempt = { kind: "done"; response: StoredResponse } | { kind: "abandoned"; resourceId?: string };

/** Waits for the request that holds the key: its response, or word that it died. */
async function awaitFirstAttempt(_id: string, requestHash: string, now: () => number): Promise<FirstAttempt> {
  for (let step = 0; step < WAIT_STEPS; step++) {
    const existing = await IdempotencyKeyModel.findById(_id).lean();
    if (existing && existing.requestHash !== requestHash) {
      throw new AppError(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
    }
    if (existing?.status === "done") {
      return {
        kind: "done",
        response: { status: existing.responseStatus ?? 200, body: JSON.parse(existing.responseBody ?? "null") },
      };
    }
    if (!existing) break; // released by a failed first attempt: fall through and report it
    if (existing.createdAt.getTime() < now() - STALE_IN_PROGRESS_MS) {
      return { kind: "abandoned", ...(existing.resourceId ? { resourceId: existing.resourceId } : {}) };
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
  throw new AppError(
    409,
    "request_in_progress",
    "A request with this Idempotency-Key is still in progress; retry shortly.",
  );
}
