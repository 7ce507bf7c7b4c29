import mongoose, { type InferSchemaType, Schema } from "mongoose";

/**
 * One change of an event or of an inspection task, kept for clients that reconnect (`sync`). `_id` is the sequence number:
 * claiming it by a unique insert is what orders the changes of all instances (see
 * realtime/changeLog.ts). What a reader may see is decided from `regionPath` and
 * `departmentIds`, stored here so that `sync` needs no other read. Pruned by age by the scheduler
 * (FerretDB has no TTL indexes).
 */
const changeLogEntrySchema = new Schema(
  {
    _id: { type: Number, required: true },
    type: { type: String, required: true },
    /** What changed: an event (absent on entries written before tasks were logged), an inspection task, or a plan's tasks. */
    kind: { type: String, enum: ["event", "inspection_task", "inspection_plan"], default: "event" },
    /** The event summary as the live message carried it. */
    event: { type: Schema.Types.Mixed },
    /** The inspection task as its live message carried it. */
    task: { type: Schema.Types.Mixed },
    /** inspection_plan: the plan whose tasks were materialised (other instances re-read them). */
    planId: { type: String },
    regionPath: { type: [String], required: true },
    /** Departments with a task on the event at the time of the change. */
    departmentIds: { type: [String], default: [] },
    at: { type: Date, required: true },
    /** `<instance>:<n>`: lets an instance tell which of its batch landed when a seq was taken. */
    writer: { type: String, required: true },
  },
  { collection: "change_log", versionKey: false },
);
changeLogEntrySchema.index({ at: 1 });

export type ChangeLogEntryDoc = InferSchemaType<typeof changeLogEntrySchema> & { _id: number };
export const ChangeLogEntryModel = mongoose.model("ChangeLogEntry", changeLogEntrySchema);
