import mongoose, { Schema } from "mongoose";

/**
 * A block of event code numbers reserved by one server instance: `_id` is `<year>:<block>`.
 * The unique _id hands each block to exactly one instance, which then numbers its reports from
 * it without asking the database again (FerretDB v1 has no atomic counter).
 */
const eventCodeBlockSchema = new Schema(
  {
    _id: { type: String, required: true },
    year: { type: Number, required: true },
    block: { type: Number, required: true },
    holder: { type: String, required: true },
    reservedAt: { type: Date, required: true },
  },
  { collection: "event_code_blocks", versionKey: false },
);
eventCodeBlockSchema.index({ year: 1, block: -1 });

export const EventCodeBlockModel = mongoose.model("EventCodeBlock", eventCodeBlockSchema);
