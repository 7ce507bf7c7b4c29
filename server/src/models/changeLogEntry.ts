import mongoose, { type InferSchemaType, Schema } from "mongoose";

/**
 * One change of an event or of an inspection task, kept for clients that reconnect (`sync`) and
 * for the other instances' in-memory views. `seq` is the sequence number and `_id` the same number
 * as fixed-width text (changeLogKey): claiming it by a unique insert is what orders the changes of
 * all instances (see realtime/changeLog.ts), and text because FerretDB's SQLite backend looks a
 * document up by its index only for a text or ObjectId `_id` (any other read scans the log). What a reader may see is decided from `regionPath` and
 * `departmentIds`, stored here so that `sync` needs no other read. Pruned by age by the scheduler
 * (FerretDB has no TTL indexes).
 */
const changeLogEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
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

export type ChangeLogEntryDoc = InferSchemaType<typeof changeLogEntrySchema> & { _id: string };
export const ChangeLogEntryModel = mongoose.model("ChangeLogEntry", changeLogEntrySchema);

/** The `_id` of the entry with sequence number `seq`: zero-padded, so that text order is seq order. */
export const changeLogKey = (seq: number): string => String(seq).padStart(16, "0");
