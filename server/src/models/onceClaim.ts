import mongoose, { Schema } from "mongoose";

/**
 * Something that must happen once: moving a plan or task from one version to the next, or an
 * early-warning rule firing on one condition. `_id` is the deterministic key of that thing; only
 * one insert of it succeeds, on MongoDB and on FerretDB alike (conditional updates are not atomic
 * on FerretDB v1, unique `_id` inserts are).
 */
const onceClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: "once_claims", versionKey: false },
);
onceClaimSchema.index({ kind: 1 });

export const OnceClaimModel = mongoose.model("OnceClaim", onceClaimSchema);

/** Inserts the claim `id`; true for the one caller that got it. */
export async function claimOnce(id: string, kind: string, now = new Date()): Promise<boolean> {
  try {
    await OnceClaimModel.create({ _id: id, kind, claimedAt: now });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}
