import type { EventFacts, EventStatus, OwningLevel, TaskStatus } from "@gridrisk/shared";
import type { EventDoc } from "../models/event";

/** What the shared state machine needs to know about a stored event. */
export function eventFactsOf(doc: EventDoc): EventFacts {
  return {
    status: doc.status as EventStatus,
    owningLevel: doc.owningLevel as OwningLevel,
    owningRegionId: doc.owningRegionId.toHexString(),
    regionPath: doc.regionPath.map(String),
    tasks: doc.tasks.map((task) => ({
      id: String((task as { _id?: unknown })._id),
      departmentId: String(task.departmentId),
      role: task.role as "lead" | "assist",
      status: task.status as TaskStatus,
      extensionPending: Boolean(task.extension?.until),
    })),
    overdueStages: doc.overdueStages ?? [],
    ...(doc.followUp?.assigneeId ? { followUpAssigneeId: String(doc.followUp.assigneeId) } : {}),
  };
}
