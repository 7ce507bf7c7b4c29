import { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import type { EventDoc } from "../models/event";
import type { Actor } from "../policies/actor";
import { isWithinTerritory } from "../policies/territoryPolicy";

/**
 * Whether the actor may see the event: it lies in their territory, or (for a department handler)
 * their department has a task on it.
 */
export function canSeeEvent(actor: Actor, event: Pick<EventDoc, "regionPath" | "tasks">): boolean {
  if (isWithinTerritory(actor, event.regionPath.map(String))) return true;
  return (
    actor.role === "department_handler" && event.tasks.some((task) => String(task.departmentId) === actor.departmentId)
  );
}

/** The same rule as a database filter, for lists and counts. */
export function visibleEventsFilter(actor: Actor): Record<string, unknown> {
  const inTerritory = { regionPath: trusted({ $in: actor.scope.map((id) => new Types.ObjectId(id)) }) };
  if (actor.role !== "department_handler" || !actor.departmentId) return inTerritory;
  return { $or: [inTerritory, { "tasks.departmentId": new Types.ObjectId(actor.departmentId) }] };
}
