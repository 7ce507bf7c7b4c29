import {
  DEADLINE_BASES,
  DEADLINE_UNITS,
  type DeadlinePolicy,
  deadlinePolicySchema,
  SEVERITIES,
} from "@gridrisk/shared";
import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/** The id of the one document. */
export const DEADLINE_POLICY_ID = "deadlines";

const deadlineRuleSchema = new Schema(
  {
    amount: { type: Number, required: true },
    unit: { type: String, enum: DEADLINE_UNITS, required: true },
    basis: { type: String, enum: DEADLINE_BASES, required: true },
  },
  { _id: false },
);

// One rule per severity, as named fields (not an array): { general: {…}, major: {…}, … }.
const bySeveritySchema = new Schema(
  Object.fromEntries(SEVERITIES.map((severity) => [severity, { type: deadlineRuleSchema, required: true }])),
  { _id: false },
);

/** The deadline policy as the admin saved it; without this document the shipped default applies. */
const deadlinePolicySettingSchema = new Schema(
  {
    _id: { type: String, default: DEADLINE_POLICY_ID },
    assessment: { type: bySeveritySchema, required: true },
    handling: { type: bySeveritySchema, required: true },
    followUp: { type: bySeveritySchema, required: true },
    /** The admin who saved it last. */
    updatedBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true, collection: "deadline_policy", versionKey: false },
);

export type DeadlinePolicySettingDoc = InferSchemaType<typeof deadlinePolicySettingSchema> & {
  _id: string;
  updatedBy?: Types.ObjectId;
  updatedAt: Date;
};
export const DeadlinePolicySettingModel = mongoose.model("DeadlinePolicySetting", deadlinePolicySettingSchema);

/**
 * The stored policy, checked again by the shared schema; undefined when it no longer passes (then
 * the default applies rather than a clock that cannot be read).
 */
export function deadlinePolicyOf(doc: DeadlinePolicySettingDoc): DeadlinePolicy | undefined {
  const parsed = deadlinePolicySchema.safeParse({
    assessment: doc.assessment,
    handling: doc.handling,
    followUp: doc.followUp,
  });
  return parsed.success ? parsed.data : undefined;
}
