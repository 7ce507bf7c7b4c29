import { ASSIGNEE_KINDS, INSPECTION_TASK_STATUSES } from "@gridrisk/shared";
import mongoose, { type InferSchemaType, Schema } from "mongoose";
import { placeFields } from "./placeFields";

/**
 * One visit of one institution on one occurrence of a plan. `_id` is
 * `<planId>:<occurrence date>:<institutionId>`, so materialising twice, or from two instances at
 * once, inserts it once (a unique `_id` insert is atomic on FerretDB too).
 */
const inspectionTaskSchema = new Schema(
  {
    _id: { type: String, required: true },
    planId: { type: Schema.Types.ObjectId, required: true },
    planName: { type: String, required: true },
    /** The plan version the task was last generated from. */
    planVersion: { type: Number, required: true },
    occurrenceDate: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    institutionId: { type: Schema.Types.ObjectId, required: true },
    institutionName: { type: String, required: true },
    address: { type: String },
    /** Where the institution is (its grid and region path decide who sees the task). */
    ...placeFields,
    assignee: {
      kind: { type: String, enum: ASSIGNEE_KINDS, required: true },
      userId: { type: Schema.Types.ObjectId, default: null },
      departmentId: { type: Schema.Types.ObjectId, default: null },
    },
    /** The risk score when materialised; visits are ordered by it, highest first. */
    riskScore: { type: Number, default: 0 },
    checklist: { type: [String], required: true },
    answers: {
      type: [
        { _id: false, index: Number, result: { type: String, enum: ["pass", "fail", "not_applicable"] }, note: String },
      ],
      default: [],
    },
    findings: {
      type: [
        {
          _id: false,
          id: String,
          text: String,
          photoIds: { type: [String], default: [] },
          eventId: { type: Schema.Types.ObjectId, default: null },
          at: Date,
        },
      ],
      default: [],
    },
    checkIn: {
      type: { at: Date, lng: Number, lat: Number, distanceMeters: Number, far: Boolean, by: Schema.Types.ObjectId },
      default: null,
    },
    status: { type: String, enum: INSPECTION_TASK_STATUSES, default: "open" },
    overdue: { type: Boolean, default: false },
    completedAt: { type: Date, default: null },
    completedBy: { type: Schema.Types.ObjectId, default: null },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, collection: "inspection_tasks", versionKey: false },
);
inspectionTaskSchema.index({ planId: 1 });
inspectionTaskSchema.index({ "assignee.userId": 1 });
inspectionTaskSchema.index({ institutionId: 1 });
inspectionTaskSchema.index({ endsAt: 1 });

export type InspectionTaskDoc = InferSchemaType<typeof inspectionTaskSchema> & {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
};
export const InspectionTaskModel = mongoose.model("InspectionTask", inspectionTaskSchema);
