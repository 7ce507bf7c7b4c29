import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/** A URL registered by the admin to receive signed JSON for chosen kinds of event change. */
const webhookSchema = new Schema(
  {
    url: { type: String, required: true },
    eventTypes: { type: [String], required: true },
    description: { type: String, default: null },
    /** The HMAC-SHA256 key; shown once, at creation. */
    secret: { type: String, required: true },
    active: { type: Boolean, default: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: "webhooks", timestamps: true, versionKey: false },
);

export type WebhookDoc = InferSchemaType<typeof webhookSchema> & { _id: Types.ObjectId };
export const WebhookModel = mongoose.model("Webhook", webhookSchema);
