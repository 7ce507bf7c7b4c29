import mongoose, { Schema } from "mongoose";

/** A risk category as the admin maintains it; `_id` is its code. */
const eventCategorySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    nameEn: { type: String },
    active: { type: Boolean, default: true },
  },
  { collection: "event_categories", versionKey: false, timestamps: true },
);

export const EventCategoryModel = mongoose.model("EventCategory", eventCategorySchema);
