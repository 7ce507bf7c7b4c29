import { FUND_SUPERVISION_STATUSES, INSTITUTION_TYPES, LICENCE_STATUSES } from "@gridrisk/shared";
import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";
import { placeFields } from "./placeFields";

/** An off-campus training institution (校外培训机构). */
const institutionSchema = new Schema(
  {
    name: { type: String, required: true },
    /** Unified social credit code (统一社会信用代码), checksum-validated at the edge. */
    creditCode: { type: String, required: true },
    type: { type: String, enum: INSTITUTION_TYPES, required: true },
    licenceStatus: { type: String, enum: LICENCE_STATUSES, required: true },
    fundSupervision: { type: String, enum: FUND_SUPERVISION_STATUSES, required: true },
    /** Last day the licence is valid, "YYYY-MM-DD" (Asia/Shanghai). */
    licenceValidUntil: { type: String, default: null },
    /** Last day classes are scheduled, "YYYY-MM-DD": the licence-expiry rule compares the two. */
    classesScheduledUntil: { type: String, default: null },
    address: { type: String, required: true },
    ...placeFields,
    contact: { name: { type: String, required: true }, phone: { type: String, required: true } },
    studentCount: { type: Number },
    notes: { type: String },
    createdBy: { type: Schema.Types.ObjectId },
    deletedAt: { type: Date, default: null },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, collection: "institutions", versionKey: false },
);
institutionSchema.index({ creditCode: 1 }, { unique: true });
institutionSchema.index({ regionPath: 1 });
institutionSchema.index({ gridId: 1 });
institutionSchema.index({ lng: 1, lat: 1 });
institutionSchema.index({ name: 1 });

export type InstitutionDoc = InferSchemaType<typeof institutionSchema> & { _id: Types.ObjectId };
export const InstitutionModel = mongoose.model("Institution", institutionSchema);
