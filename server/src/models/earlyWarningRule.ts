import mongoose, { Schema } from "mongoose";

/** An admin's settings of one early-warning rule; `_id` is the rule code. Absent: the shipped defaults. */
const earlyWarningRuleSchema = new Schema(
  {
    _id: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    count: { type: Number, required: true },
    days: { type: Number, required: true },
    categories: { type: [String], default: [] },
    updatedBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true, collection: "early_warning_rules", versionKey: false },
);

export const EarlyWarningRuleModel = mongoose.model("EarlyWarningRule", earlyWarningRuleSchema);
