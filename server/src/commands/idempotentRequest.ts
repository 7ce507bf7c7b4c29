import { createHash } from "node:crypto";
import { AppError } from "../errors";
import { IdempotencyKeyModel } from "../models/idempotencyKey";

/** A response to store and replay. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

const WAIT_STEP_MS = 100;
const WAIT_STEPS = 100;

/** A stable hash of a validated request body. */
export function requestHashOf(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/**
 * Runs `work` once per (user, key): the first request inserts the key (its unique _id makes
 * exactly one insert win, also under concurrent retries) and stores the response; the others
 * wait for it and replay it. The same key with another body is refused (422). A request that
 * fails releases its key, so that a corrected retry may use it.
 */
export async function idempotentRequest(
  userId: string,
  key: string,
  requestHash: string,
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const _id = `${userId}:${key}`;
  try {
    await IdempotencyKeyModel.create({ _id, userId, key, requestHash, status: "in_progress", createdAt: new Date() });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    for (let step = 0; step < WAIT_STEPS; step++) {
      const existing = await IdempotencyKeyModel.findById(_id).lean();
      if (existing && existing.requestHash !== requestHash) {
        throw new AppError(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
      }
      if (existing?.status === "done") {
        return {
          status: existing.responseStatus ?? 200,
          body: JSON.parse(existing.responseBody ?? "null"),
          replayed: true,
        };
      }
      if (!existing) break; // released by a failed first attempt: fall through and report it
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
    throw new AppError(
      409,
      "request_in_progress",
      "A request with this Idempotency-Key is still in progress; retry shortly.",
    );
  }
  let response: StoredResponse;
  try {
    response = await work();
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
