import mongoose, { Schema } from "mongoose";

/**
 * A request made with an Idempotency-Key (as Stripe does): unique per user and key, with a hash
 * of the request and, once done, the response to replay.
 */
const idempotencyKeySchema = new Schema(
  {
    /** `<userId>:<key>`: lookups by _id are the fast path on FerretDB. */
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    requestHash: { type: String, required: true },
    /** Id of the resource the request creates, chosen up front so that a takeover finds it. */
    resourceId: { type: String, default: null },
    status: { type: String, enum: ["in_progress", "done"], required: true },
    responseStatus: { type: Number, default: null },
    /** The JSON response body, as text. */
    responseBody: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: "idempotency_keys", versionKey: false },
);
idempotencyKeySchema.index({ createdAt: 1 });

export const IdempotencyKeyModel = mongoose.model("IdempotencyKey", idempotencyKeySchema);
