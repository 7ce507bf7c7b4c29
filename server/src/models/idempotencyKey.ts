import mongoose, { Schema } from "mongoose";

/**
 * A request made with an Idempotency-Key (as Stripe does): unique per user and key (the `_id`),
 * with a hash of the request and the id of the resource the request creates.
 */
const idempotencyKeySchema = new Schema(
  {
    /** `<userId>:<key>`: unique, and lookups by _id are the fast path on FerretDB. */
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    requestHash: { type: String, required: true },
    /** Id of the resource the first request creates; retries answer with that resource. */
    resourceId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: "idempotency_keys", versionKey: false },
);
idempotencyKeySchema.index({ createdAt: 1 });

export const IdempotencyKeyModel = mongoose.model("IdempotencyKey", idempotencyKeySchema);
