import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/** One changed field: its dotted path and its values before and after, as JSON text. */
const fieldChangeSchema = new Schema(
  {
    field: { type: String, required: true },
    before: { type: String, default: null },
    after: { type: String, default: null },
  },
  { _id: false },
);

/**
 * One entry of the audit log: who changed what, when, in which request, field by field. The log
 * is append-only: the code only ever inserts (see audit/recordAudit.ts), and no route edits or
 * deletes an entry.
 */
const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    actorName: { type: String, required: true },
    actorRole: { type: String, required: true },
    requestId: { type: String, default: null },
    /** create, update, delete, import… */
    action: { type: String, required: true },
    /** user, department, region, territory, event_category, violation_category, calendar_year, deadline_policy, inspection_plan… */
    entityType: { type: String, required: true },
    entityId: { type: String, required: true },
    changes: { type: [fieldChangeSchema], default: [] },
    note: { type: String, default: null },
  },
  { collection: "audit_log", versionKey: false },
);
auditEntrySchema.index({ at: -1 });
auditEntrySchema.index({ entityType: 1, entityId: 1 });
auditEntrySchema.index({ actorId: 1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & { _id: Types.ObjectId };
export const AuditEntryModel = mongoose.model("AuditEntry", auditEntrySchema);
