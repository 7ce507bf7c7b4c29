import { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import type { EventDoc } from "../models/event";
import type { Actor } from "../policies/actor";
import { isWithinTerritory } from "../policies/territoryPolicy";

/** What visibility looks at. */
export type VisibilityFacts = Pick<EventDoc, "regionPath" | "tasks"> & { reporterId?: EventDoc["reporterId"] };

/** What visibility looks at, as ids: how the in-memory facts hold it (see eventListFacts). */
export interface VisibilityIds {
  regionPath: readonly string[];
  /** Departments with a task on the event. */
  departmentIds: readonly string[];
  reporterId: string | null;
}

/**
 * Whether the actor may see the event: it lies in their territory; a department handler instead
 * sees the events its department has a task on (and those it reported itself), not every event of
 * the district or city its department serves.
 */
export function canSeeEvent(actor: Actor, event: VisibilityFacts): boolean {
  return canSeeEventIds(actor, {
    regionPath: event.regionPath.map(String),
    departmentIds: event.tasks.map((task) => String(task.departmentId)),
    reporterId: event.reporterId === undefined ? null : String(event.reporterId),
  });
}

/** canSeeEvent on the event's ids. */
export function canSeeEventIds(actor: Actor, event: VisibilityIds): boolean {
  if (actor.role === "department_handler") {
    return (
      (actor.departmentId !== undefined && event.departmentIds.includes(actor.departmentId)) ||
      event.reporterId === actor.id
    );
  }
  return isWithinTerritory(actor, event.regionPath);
}

/** The same rule as a database filter, for lists and counts. */
export function visibleEventsFilter(actor: Actor): Record<string, unknown> {
  if (actor.role === "department_handler") {
    const own: Record<string, unknown>[] = [{ reporterId: new Types.ObjectId(actor.id) }];
    if (actor.departmentId) own.push({ "tasks.departmentId": new Types.ObjectId(actor.departmentId) });
    return { $or: own };
  }
  return { regionPath: trusted({ $in: actor.scope.map((id) => new Types.ObjectId(id)) }) };
}
