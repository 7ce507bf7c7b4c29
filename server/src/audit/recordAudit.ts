import { Types } from "mongoose";
import { currentRequestContext } from "../logging/requestContext";
import { AuditEntryModel } from "../models/auditEntry";
import type { Actor } from "../policies/actor";
import { fieldDiff } from "./fieldDiff";

/** What an audited change is made of. */
export interface AuditInput {
  /** Who made the change; null for the system (a job). */
  actor: Pick<Actor, "id" | "name" | "role"> | null;
  /** create, update, delete, import… */
  action: string;
  /** The kind of thing changed, e.g. `user` or `inspection_plan`. */
  entityType: string;
  entityId: string;
  /** The object before the change (null when created); what the API shows, never secrets. */
  before: unknown;
  /** The object after the change (null when deleted). */
  after: unknown;
  /** A sentence for changes that are not one object's fields (e.g. a territory import's counts). */
  note?: string;
}

/**
 * Appends one entry to the audit log with the request id of the request being served. Changes
 * that change nothing are not recorded. Callable from any command (plans, imports, jobs).
 */
export async function recordAudit(input: AuditInput, now = new Date()): Promise<void> {
  await recordAudits([input], now);
}

/** Appends several entries in one write (e.g. every region an import changed). */
export async function recordAudits(inputs: readonly AuditInput[], now = new Date()): Promise<void> {
  const requestId = currentRequestContext()?.requestId ?? null;
  const entries = inputs.flatMap((input) => {
    const changes = fieldDiff(input.before, input.after);
    if (!changes.length && !input.note) return [];
    return [
      {
        at: now,
        actorId: input.actor ? new Types.ObjectId(input.actor.id) : null,
        actorName: input.actor?.name ?? "system",
        actorRole: input.actor?.role ?? "system",
        requestId,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId,
        changes: changes.map((change) => ({
          field: change.field,
          before: JSON.stringify(change.before),
          after: JSON.stringify(change.after),
        })),
        note: input.note ?? null,
      },
    ];
  });
  if (entries.length) await AuditEntryModel.insertMany(entries);
}
