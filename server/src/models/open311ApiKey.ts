import mongoose, { Schema } from "mongoose";

/**
 * An Open311 API key: the SHA-256 of the key is the `_id` (the key itself is never stored), and
 * the account on whose behalf requests posted with it are reported.
 */
const open311ApiKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** Where the reports come from, e.g. the city's hotline. */
    source: { type: String, required: true },
    label: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: "open311_api_keys", versionKey: false },
);

export const Open311ApiKeyModel = mongoose.model("Open311ApiKey", open311ApiKeySchema);
