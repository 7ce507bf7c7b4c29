import type { EventDoc } from "../models/event";
import type { Actor } from "../policies/actor";

/**
 * The rooms of the live connection, following the policy of events/eventVisibility.ts: an event
 * is seen by everyone whose scope holds a region of its `regionPath`, and by the handlers of the
 * departments with a task on it. So a socket joins a room per region of its scope or, for a
 * department handler, its department's room; a change goes to the rooms of every region on the
 * event's path and of every department with a task. A socket in several of them gets it once.
 */

const regionRoom = (regionId: string) => `region:${regionId}`;
const departmentRoom = (departmentId: string) => `department:${departmentId}`;

/** The rooms a signed-in actor's sockets join. */
export function roomsOfActor(actor: Actor): string[] {
  // A department handler follows its department's tasks, not the whole territory it serves.
  if (actor.role === "department_handler") return actor.departmentId ? [departmentRoom(actor.departmentId)] : [];
  return actor.scope.map(regionRoom);
}

/** Who may receive a change of an event: its region path and its tasks' departments. */
export interface ChangeAudience {
  regionPath: string[];
  departmentIds: string[];
}

/** The audience of an event as it is now. */
export function audienceOf(event: Pick<EventDoc, "regionPath" | "tasks">): ChangeAudience {
  return {
    regionPath: event.regionPath.map(String),
    departmentIds: [...new Set(event.tasks.map((task) => String(task.departmentId)))],
  };
}

/** The rooms a change of an event is sent to. */
export function roomsOfChange(audience: ChangeAudience): string[] {
  return [...audience.regionPath.map(regionRoom), ...audience.departmentIds.map(departmentRoom)];
}
