import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/** A functional department (职能部门), attached to the city or to one district. */
const departmentSchema = new Schema(
  {
    /** Kind code, e.g. `education`; unique within a territory. */
    code: { type: String, required: true },
    name: { type: String, required: true },
    nameEn: { type: String },
    /** The region (city or district) it serves. */
    regionId: { type: Schema.Types.ObjectId, required: true },
    /** The region's ancestors and itself, for territory checks without a lookup. */
    regionPath: { type: [Schema.Types.ObjectId], required: true },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: "departments", versionKey: false },
);
departmentSchema.index({ regionId: 1, code: 1 }, { unique: true });
departmentSchema.index({ regionPath: 1 });

export type DepartmentDoc = InferSchemaType<typeof departmentSchema> & { _id: Types.ObjectId };
export const DepartmentModel = mongoose.model("Department", departmentSchema);
