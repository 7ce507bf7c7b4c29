import type { Server } from "socket.io";
import { domainEvents } from "../events/domainEvents";
import { inspectionTaskEvents } from "../inspections/inspectionTaskEvents";
import { createLogger } from "../logging/logger";
import { presentEventSummary } from "../presenters/eventPresenter";
import { presentInspectionTask } from "../presenters/inspectionTaskPresenter";
import { appendChange, resetChangeLog } from "./changeLog";
import type { LiveServer } from "./socketServer";
import { audienceOf, type ChangeAudience, roomsOfChange } from "./territoryRooms";

const log = createLogger("realtime");

/**
 * The one place that emits to Socket.IO: turns each domain event into a change log entry (its
 * seq) and then an `events:changed` message to the rooms allowed to see it. Returns how to stop.
 */
export function startChangeProcessor(io: LiveServer | Server): () => void {
  // Another database may have been connected since the last start (tests): read the seq afresh.
  resetChangeLog();
  const stopTasks = inspectionTaskEvents.subscribe(({ type, task: doc, at }) => {
    const audience: ChangeAudience = {
      regionPath: (doc.regionPath ?? []).map(String),
      departmentIds: doc.assignee?.departmentId ? [String(doc.assignee.departmentId)] : [],
    };
    const task = presentInspectionTask(doc);
    appendChange({ kind: "inspection_task", type, task, ...audience, at }).then(
      (seq) => io.to(roomsOfChange(audience)).emit("inspections:changed", { seq, type, task }),
      (error: Error) => log.error("task change not logged", { taskId: task.id, type, error: error.message }),
    );
  });
  const stopEvents = domainEvents.subscribe(({ type, event: doc, at }) => {
    const audience = audienceOf(doc);
    const event = presentEventSummary(doc);
    appendChange({ type, event, ...audience, at }).then(
      (seq) => io.to(roomsOfChange(audience)).emit("events:changed", { seq, type, event }),
      (error: Error) =>
        log.error("change not logged; clients will miss it until they reload", {
          eventId: event.id,
          type,
          error: error.message,
        }),
    );
  });
  return () => {
    stopTasks();
    stopEvents();
  };
}
