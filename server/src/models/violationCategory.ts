import mongoose, { Schema } from "mongoose";

/** A violation category as the admin maintains it; `_id` is its code. */
const violationCategorySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    nameEn: { type: String },
    legalBasis: { type: String, required: true },
    sanctionRange: { type: String, required: true },
    active: { type: Boolean, default: true },
  },
  { collection: "violation_categories", versionKey: false, timestamps: true },
);

export const ViolationCategoryModel = mongoose.model("ViolationCategory", violationCategorySchema);
