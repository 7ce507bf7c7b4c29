import { REALTIME_LIMITS, type SyncAck } from "@gridrisk/shared";
import { canSeeEvent, type VisibilityFacts } from "../events/eventVisibility";
import { canSeeTask } from "../inspections/taskVisibility";
import type { ChangeLogEntryDoc } from "../models/changeLogEntry";
import type { Actor } from "../policies/actor";
import { changeOf, entriesSince, isEventEntry, latestSeq, taskChangeOf } from "./changeLog";

/** Whether the actor may see the task change: the REST API's rule, on what the entry remembers. */
function maySeeTask(actor: Actor, entry: ChangeLogEntryDoc): boolean {
  const assignee = (entry.task as { assignee?: { userId?: string | null; departmentId?: string | null } }).assignee;
  return canSeeTask(actor, {
    regionPath: entry.regionPath,
    assignee: { userId: assignee?.userId ?? null, departmentId: assignee?.departmentId ?? null },
  } as never);
}

/** Whether the actor may see the event change: the REST API's rule, on what the entry remembers. */
function maySee(actor: Actor, entry: ChangeLogEntryDoc): boolean {
  // canSeeEvent reads only the region ids and the tasks' department ids, which the entry keeps.
  const event = {
    regionPath: entry.regionPath,
    tasks: entry.departmentIds.map((departmentId) => ({ departmentId })),
  } as unknown as VisibilityFacts;
  return canSeeEvent(actor, event);
}

/**
 * Answers `sync`: every change after `since` the actor may see, oldest first, with the seq to
 * continue from; or `resync` when `since` is malformed, pruned away or too far behind.
 */
export async function answerSync(actor: Actor, since: unknown): Promise<SyncAck> {
  if (typeof since !== "number" || !Number.isSafeInteger(since) || since < 0) {
    return { resync: true, seq: await latestSeq() };
  }
  const found = await entriesSince(since, REALTIME_LIMITS.maxSyncChanges);
  if ("tooOld" in found) return { resync: true, seq: found.latest };
  if (found.entries.length > REALTIME_LIMITS.maxSyncChanges) return { resync: true, seq: await latestSeq() };
  const last = found.entries.at(-1);
  return {
    changes: found.entries.filter((entry) => isEventEntry(entry) && maySee(actor, entry)).map(changeOf),
    inspections: found.entries
      .filter((entry) => entry.kind === "inspection_task" && maySeeTask(actor, entry))
      .map(taskChangeOf),
    seq: last ? last.seq : since,
  };
}
