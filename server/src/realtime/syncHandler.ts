import { REALTIME_LIMITS, type SyncAck } from "@gridrisk/shared";
import { canSeeEvent, type VisibilityFacts } from "../events/eventVisibility";
import type { ChangeLogEntryDoc } from "../models/changeLogEntry";
import type { Actor } from "../policies/actor";
import { changeOf, entriesSince, latestSeq } from "./changeLog";

/** Whether the actor may see the change: the REST API's rule, on what the entry remembers. */
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
    changes: found.entries.filter((entry) => maySee(actor, entry)).map(changeOf),
    seq: last ? last._id : since,
  };
}
