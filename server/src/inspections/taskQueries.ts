import type { inspectionTaskQuerySchema } from "@gridrisk/shared";
import type { z } from "zod";
import type { InspectionTaskDoc } from "../models/inspectionTask";
import type { Actor } from "../policies/actor";
import { inspectionTaskStore } from "./inspectionTaskStore";
import { canSeeTask, isAssignee } from "./taskVisibility";

/** Most tasks one list answers. */
export const MAX_LISTED_TASKS = 500;

/**
 * The tasks the actor may see (`mine`: only those assigned to them or their department), filtered
 * and sorted soonest first, then riskiest first: read from the in-memory task store.
 */
export async function listInspectionTasks(
  actor: Actor,
  query: z.infer<typeof inspectionTaskQuerySchema>,
): Promise<InspectionTaskDoc[]> {
  const tasks = await inspectionTaskStore.current();
  const mine = query.mine === "true";
  const matching: InspectionTaskDoc[] = [];
  for (const task of tasks.values()) {
    if (mine ? !isAssignee(actor, task) : !canSeeTask(actor, task)) continue;
    if (query.status && task.status !== query.status) continue;
    if (query.planId && String(task.planId) !== query.planId) continue;
    if (query.institutionId && String(task.institutionId) !== query.institutionId) continue;
    matching.push(task);
  }
  return matching
    .sort(
      (a, b) =>
        a.startsAt.getTime() - b.startsAt.getTime() ||
        (b.riskScore ?? 0) - (a.riskScore ?? 0) ||
        a._id.localeCompare(b._id),
    )
    .slice(0, MAX_LISTED_TASKS);
}
