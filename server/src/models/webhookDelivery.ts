import mongoose, { type InferSchemaType, Schema } from "mongoose";

/** One try to deliver. */
const attemptSchema = new Schema(
  {
    at: { type: Date, required: true },
    status: { type: Number, default: null },
    error: { type: String, default: null },
    durationMs: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * One message for one webhook. The `_id` is `<webhookId>:<eventId>:<version>:<type>`, so that a
 * change is queued once per webhook however often it is published.
 */
const webhookDeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    webhookId: { type: Schema.Types.ObjectId, required: true },
    eventType: { type: String, required: true },
    /** The JSON body, as sent (and signed). */
    payload: { type: String, required: true },
    status: { type: String, enum: ["pending", "delivered", "failed"], required: true },
    attempts: { type: [attemptSchema], default: [] },
    nextAttemptAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
  },
  { collection: "webhook_deliveries", versionKey: false },
);
webhookDeliverySchema.index({ webhookId: 1, createdAt: -1 });
webhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });

export type WebhookDeliveryDoc = InferSchemaType<typeof webhookDeliverySchema>;
export const WebhookDeliveryModel = mongoose.model("WebhookDelivery", webhookDeliverySchema);
