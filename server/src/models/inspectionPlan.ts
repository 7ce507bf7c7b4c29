import {
  ASSIGNEE_KINDS,
  type AssigneeKind,
  FUND_SUPERVISION_STATUSES,
  type FundSupervisionStatus,
  INSTITUTION_TYPES,
  type InstitutionType,
  LICENCE_STATUSES,
  type LicenceStatus,
  PLAN_KINDS,
  type PlanKind,
} from "@gridrisk/shared";
import mongoose, { Schema, type Types } from "mongoose";

/** A recurring inspection plan (检查计划); its tasks are materialised ahead by the scheduler. */
const inspectionPlanSchema = new Schema(
  {
    /** Inspection tasks for institutions, or meeting records (no targets). */
    kind: { type: String, enum: PLAN_KINDS, default: "inspection" },
    name: { type: String, required: true },
    /** The owning region (district or city) and its path, for territory checks. */
    regionId: { type: Schema.Types.ObjectId, required: true },
    regionPath: { type: [Schema.Types.ObjectId], required: true },
    scope: {
      regionIds: { type: [Schema.Types.ObjectId], default: undefined },
      institutionTypes: { type: [{ type: String, enum: INSTITUTION_TYPES }], default: undefined },
      licenceStatuses: { type: [{ type: String, enum: LICENCE_STATUSES }], default: undefined },
      fundSupervision: { type: [{ type: String, enum: FUND_SUPERVISION_STATUSES }], default: undefined },
    },
    departmentIds: { type: [Schema.Types.ObjectId], default: [] },
    recurrence: {
      startDate: { type: String, required: true },
      endDate: { type: String },
      rrule: { type: String },
      rdates: { type: [String], default: [] },
      exdates: { type: [String], default: [] },
      periods: { type: [{ _id: false, name: String, days: { type: String, enum: ["first", "all"] } }], default: [] },
    },
    window: { start: { type: String, required: true }, end: { type: String, required: true } },
    assignee: {
      kind: { type: String, enum: ASSIGNEE_KINDS },
      departmentId: { type: Schema.Types.ObjectId },
    },
    checklist: { type: [String], default: [] },
    active: { type: Boolean, default: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    deletedAt: { type: Date, default: null },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, collection: "inspection_plans", versionKey: false },
);
inspectionPlanSchema.index({ regionPath: 1 });

/** A stored plan as read with lean(). */
export interface InspectionPlanDoc {
  _id: Types.ObjectId;
  /** Absent on plans stored before meeting plans: an inspection plan. */
  kind?: PlanKind | null;
  name: string;
  regionId: Types.ObjectId;
  regionPath: Types.ObjectId[];
  scope?: {
    regionIds: Types.ObjectId[];
    institutionTypes?: InstitutionType[] | null;
    licenceStatuses?: LicenceStatus[] | null;
    fundSupervision?: FundSupervisionStatus[] | null;
  };
  departmentIds: Types.ObjectId[];
  recurrence: {
    startDate: string;
    endDate?: string | null;
    rrule?: string | null;
    rdates: string[];
    exdates: string[];
    periods: { name: string; days: "first" | "all" }[];
  };
  window: { start: string; end: string };
  assignee?: { kind?: AssigneeKind | null; departmentId?: Types.ObjectId | null } | null;
  checklist: string[];
  active: boolean;
  createdBy: Types.ObjectId;
  deletedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
export const InspectionPlanModel = mongoose.model("InspectionPlan", inspectionPlanSchema);
