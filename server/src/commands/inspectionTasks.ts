import type { InspectionRecordInput } from "@gridrisk/shared";
import { loadAttachment } from "../attachments/attachmentRecords";
import { forbidden, notFound, unprocessable, validationFailed, versionConflict } from "../errors";
import { canSeeEvent } from "../events/eventVisibility";
import { inspectionTaskEvents } from "../inspections/inspectionTaskEvents";
import { canSeeTask, isAssignee } from "../inspections/taskVisibility";
import { type EventDoc, EventModel } from "../models/event";
import { type InspectionTaskDoc, InspectionTaskModel } from "../models/inspectionTask";
import { claimOnce } from "../models/onceClaim";
import type { Actor } from "../policies/actor";
import { authorize } from "../policies/territoryPolicy";
import { distanceMeters } from "../territory/geometryMeasures";

/** Loads a task the actor may see, or 404. */
export async function loadTask(actor: Actor, id: string): Promise<InspectionTaskDoc> {
  authorize(actor, "read", "inspection_task");
  const task = (await InspectionTaskModel.findById(id).lean()) as InspectionTaskDoc | null;
  if (!task || !canSeeTask(actor, task)) throw notFound(`Inspection task ${id}`);
  return task;
}

/** Loads a task the actor is to do, at the version they saw. */
async function loadOwnTask(
  actor: Actor,
  id: string,
  expectedVersion: number,
  now: Date,
  allowDone = false,
): Promise<InspectionTaskDoc> {
  authorize(actor, "update", "inspection_task");
  const task = await loadTask(actor, id);
  if (!isAssignee(actor, task)) throw forbidden("Only the assignee of an inspection task may record it.");
  if (task.status === "done" && !allowDone) throw unprocessable("This inspection is done; it can no longer change.");
  if (task.version !== expectedVersion || !(await claimOnce(`task:${id}:${task.version}`, "task_version", now))) {
    throw versionConflict(`Inspection task ${id} has changed (version ${task.version}); reload it.`, {
      currentVersion: task.version,
    });
  }
  return task;
}

/** Writes the claimed next version and tells the live listeners. */
async function save(task: InspectionTaskDoc, set: Record<string, unknown>, now: Date): Promise<InspectionTaskDoc> {
  const updated = (await InspectionTaskModel.findOneAndUpdate(
    { _id: task._id },
    { $set: { ...set, version: task.version + 1 } },
    { returnDocument: "after" },
  ).lean()) as unknown as InspectionTaskDoc;
  inspectionTaskEvents.publish({ type: "updated", task: updated, at: now });
  return updated;
}

/** Checks in at a location; flagged `far` when farther than `radiusM` metres from the institution. */
export async function checkIn(
  actor: Actor,
  id: string,
  input: { location: { lng: number; lat: number }; expectedVersion: number },
  radiusM: number,
  now = new Date(),
): Promise<InspectionTaskDoc> {
  const task = await loadOwnTask(actor, id, input.expectedVersion, now);
  const distance = Math.round(distanceMeters(input.location, { lng: task.lng, lat: task.lat }));
  return save(
    task,
    {
      status: "in_progress",
      checkIn: { at: now, ...input.location, distanceMeters: distance, far: distance > radiusM, by: actor.id },
    },
    now,
  );
}

/** Records checklist answers and findings as they stand now (photos must be the actor's own uploads). */
export async function recordInspection(
  actor: Actor,
  id: string,
  input: InspectionRecordInput,
  now = new Date(),
): Promise<InspectionTaskDoc> {
  const current = await loadTask(actor, id);
  const issues: { path: string; message: string }[] = [];
  input.answers?.forEach((answer, index) => {
    if (answer.index >= current.checklist.length) {
      issues.push({
        path: `body.answers.${index}.index`,
        message: `must be below ${current.checklist.length}, the checklist's length`,
      });
    }
  });
  for (const [index, finding] of (input.findings ?? []).entries()) {
    for (const [photo, photoId] of finding.photoIds.entries()) {
      await loadAttachment(actor, photoId).catch(() =>
        issues.push({ path: `body.findings.${index}.photoIds.${photo}`, message: "is not a photo you uploaded" }),
      );
    }
  }
  if (issues.length > 0) throw validationFailed(issues);
  const task = await loadOwnTask(actor, id, input.expectedVersion, now);
  const set: Record<string, unknown> = {};
  if (input.answers) set.answers = input.answers;
  if (input.findings) {
    const previous = new Map(task.findings.map((finding) => [finding.id, finding]));
    let next = task.findings.reduce((max, finding) => Math.max(max, Number(String(finding.id).slice(1)) || 0), 0);
    set.findings = input.findings.map((finding) => {
      const kept = finding.id ? previous.get(finding.id) : undefined;
      next += kept ? 0 : 1;
      return {
        id: kept ? finding.id : `f${next}`,
        text: finding.text,
        photoIds: finding.photoIds,
        eventId: kept?.eventId ?? null,
        at: kept?.at ?? now,
      };
    });
  }
  if (task.status === "open") set.status = "in_progress";
  return save(task, set, now);
}

/** Completes the inspection: every checklist item answered. */
export async function completeInspection(
  actor: Actor,
  id: string,
  expectedVersion: number,
  now = new Date(),
): Promise<InspectionTaskDoc> {
  const current = await loadTask(actor, id);
  const answered = new Set(current.answers.map((answer) => answer.index));
  const missing = current.checklist.map((_, index) => index).filter((index) => !answered.has(index));
  if (missing.length > 0) {
    throw unprocessable(`Answer every checklist item first; unanswered: ${missing.map((i) => i + 1).join(", ")}.`, {
      unanswered: missing,
    });
  }
  const task = await loadOwnTask(actor, id, expectedVersion, now);
  return save(task, { status: "done", completedAt: now, completedBy: actor.id }, now);
}

/**
 * Links the event raised from a finding (named by its code) to it, also on a done task: the event
 * may come after. The event must be about the task's institution and visible to the actor.
 */
export async function linkFindingEvent(
  actor: Actor,
  id: string,
  findingId: string,
  eventCode: string,
  now = new Date(),
) {
  const current = await loadTask(actor, id);
  if (!current.findings.some((finding) => finding.id === findingId)) throw notFound(`Finding ${findingId}`);
  const event = (await EventModel.findOne({ code: eventCode }).lean()) as EventDoc | null;
  if (!event || !canSeeEvent(actor, event) || String(event.institutionId) !== String(current.institutionId)) {
    throw validationFailed([
      { path: "body.eventCode", message: "names no event about this institution that you may see" },
    ]);
  }
  const eventId = event._id;
  const task = await loadOwnTask(actor, id, current.version, now, true);
  const findings = task.findings.map((finding) => (finding.id === findingId ? { ...finding, eventId } : finding));
  return save(task, { findings }, now);
}
