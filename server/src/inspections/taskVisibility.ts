import type { InspectionTaskDoc } from "../models/inspectionTask";
import type { Actor } from "../policies/actor";
import { isWithinTerritory } from "../policies/territoryPolicy";

type TaskFacts = Pick<InspectionTaskDoc, "assignee" | "regionPath">;

/** Whether the task is the actor's to do: assigned to them, or to their department. */
export function isAssignee(actor: Actor, task: TaskFacts): boolean {
  const { assignee } = task;
  if (assignee?.userId && String(assignee.userId) === actor.id) return true;
  return (
    actor.role === "department_handler" &&
    !!assignee?.departmentId &&
    String(assignee.departmentId) === actor.departmentId
  );
}

/**
 * Who sees a task: its assignee, and everyone whose territory holds its institution (a
 * department handler only its department's tasks, as with events).
 */
export function canSeeTask(actor: Actor, task: TaskFacts): boolean {
  if (isAssignee(actor, task)) return true;
  if (actor.role === "department_handler") return false;
  return isWithinTerritory(actor, (task.regionPath ?? []).map(String));
}
