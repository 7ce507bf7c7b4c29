import type { AuditEntryDoc } from "../models/auditEntry";

const parsed = (text: string | null | undefined) => (text === null || text === undefined ? null : JSON.parse(text));

/** An audit entry as the API shows it, with each field's values before and after. */
export function presentAuditEntry(doc: AuditEntryDoc) {
  return {
    id: doc._id.toHexString(),
    at: doc.at.toISOString(),
    actor: { id: doc.actorId ? String(doc.actorId) : null, name: doc.actorName, role: doc.actorRole },
    requestId: doc.requestId ?? null,
    action: doc.action,
    entityType: doc.entityType,
    entityId: doc.entityId,
    changes: (doc.changes ?? []).map((change) => ({
      field: change.field,
      before: parsed(change.before),
      after: parsed(change.after),
    })),
    note: doc.note ?? null,
  };
}
