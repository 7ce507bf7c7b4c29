import mongoose, { Schema } from "mongoose";

/**
 * The right to move one event from one version to the next: `_id` is `<eventId>:<version>`.
 * FerretDB v1 does not make a conditional findAndModify atomic (under 50 concurrent attempts
 * several callers are told they won, though only one write survives), but it does enforce a
 * unique _id. So a transition first inserts its claim; exactly one insert per version succeeds.
 */
const eventVersionClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    eventId: { type: Schema.Types.ObjectId, required: true },
    action: { type: String, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    claimedAt: { type: Date, required: true },
  },
  { collection: "event_version_claims", versionKey: false },
);
eventVersionClaimSchema.index({ eventId: 1 });

export const EventVersionClaimModel = mongoose.model("EventVersionClaim", eventVersionClaimSchema);
