import { EVENT_SOURCES, EVENT_STATUSES, OWNING_LEVELS, SEVERITIES, TASK_STATUSES } from "@gridrisk/shared";
import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";
import { placeFields } from "./placeFields";

const taskSchema = new Schema(
  {
    departmentId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: ["lead", "assist"], required: true },
    status: { type: String, enum: TASK_STATUSES, required: true },
    dueAt: { type: Date, required: true },
    overdue: { type: Boolean, default: false },
    acceptedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    result: { type: String, default: null },
    evidence: { type: [Schema.Types.ObjectId], default: [] },
    rejectReason: { type: String, default: null },
    /** An extension (延期) request awaiting the dispatcher's decision. */
    extension: {
      type: new Schema({ until: Date, reason: String, requestedAt: Date }, { _id: false }),
      default: null,
    },
    extensionsGranted: { type: Number, default: 0 },
  },
  { _id: true },
);

/**
 * One entry of the append-only timeline. `hash` covers the entry and the previous entry's hash,
 * so that no entry can be changed or removed without `verify` noticing.
 */
const timelineEntrySchema = new Schema(
  {
    seq: { type: Number, required: true },
    action: { type: String, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    actorName: { type: String, required: true },
    actorRole: { type: String, required: true },
    at: { type: Date, required: true },
    fromStatus: { type: String, default: null },
    toStatus: { type: String, required: true },
    note: { type: String, default: null },
    /** The action's other fields, as given (JSON text: FerretDB v1 stores no nested arrays). */
    fields: { type: String, default: null },
    evidence: { type: [Schema.Types.ObjectId], default: [] },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { _id: false },
);

const eventSchema = new Schema(
  {
    /** Human code, e.g. HA-2026-000123. */
    code: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, required: true },
    /** A code of the risk category catalogue. */
    category: { type: String, required: true },
    /** Set at assessment; until then the reporter's hint, or general. */
    severity: { type: String, enum: SEVERITIES, required: true },
    severityAssessed: { type: Boolean, default: false },
    source: { type: String, enum: EVENT_SOURCES, required: true },
    ...placeFields,
    institutionId: { type: Schema.Types.ObjectId, default: null },
    reporterId: { type: Schema.Types.ObjectId, required: true },
    attachments: { type: [Schema.Types.ObjectId], default: [] },
    occurredAt: { type: Date, required: true },
    status: { type: String, enum: EVENT_STATUSES, required: true },
    owningLevel: { type: String, enum: OWNING_LEVELS, required: true },
    owningRegionId: { type: Schema.Types.ObjectId, required: true },
    deadlines: {
      assessment: { type: Date, default: null },
      handling: { type: Date, default: null },
      followUp: { type: Date, default: null },
    },
    /** The earliest open deadline, for the duty desk's queue and the overdue sweep. */
    nextDeadline: { type: Date, default: null },
    /** Stages whose deadline has passed (set by the overdue sweep, cleared when the stage ends). */
    overdueStages: { type: [String], default: [] },
    tasks: { type: [taskSchema], default: [] },
    followUp: {
      type: new Schema({ assigneeId: Schema.Types.ObjectId, dueAt: Date, outcome: String }, { _id: false }),
      default: null,
    },
    /** Violations found and enforcement actions taken (依法查处). */
    violations: {
      type: [
        new Schema(
          {
            category: { type: String, required: true },
            categoryName: { type: String, required: true },
            enforcementAction: { type: String, required: true },
            taskId: { type: Schema.Types.ObjectId, default: null },
            recordedBy: { type: Schema.Types.ObjectId, required: true },
            recordedAt: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    reworkCount: { type: Number, default: 0 },
    urgeCount: { type: Number, default: 0 },
    mergedInto: { type: Schema.Types.ObjectId, default: null },
    resolvedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    /** Incremented by every action: the optimistic lock. */
    version: { type: Number, required: true },
    timeline: { type: [timelineEntrySchema], default: [] },
  },
  { timestamps: true, collection: "events", versionKey: false },
);
eventSchema.index({ code: 1 }, { unique: true });
eventSchema.index({ regionPath: 1, status: 1 });
eventSchema.index({ nextDeadline: 1 });
eventSchema.index({ institutionId: 1 });
eventSchema.index({ lng: 1, lat: 1 });
eventSchema.index({ createdAt: 1 });
eventSchema.index({ "tasks.departmentId": 1 });

export type EventDoc = InferSchemaType<typeof eventSchema> & { _id: Types.ObjectId };
export type TaskDoc = EventDoc["tasks"][number] & { _id: Types.ObjectId };
export type TimelineEntryDoc = EventDoc["timeline"][number];
export const EventModel = mongoose.model("Event", eventSchema);
