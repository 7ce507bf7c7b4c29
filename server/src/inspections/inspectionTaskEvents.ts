import { EventEmitter } from "node:events";
import type { InspectionTaskDoc } from "../models/inspectionTask";

/** What happened to an inspection task, for the live updates. */
export interface InspectionTaskChange {
  type: "updated" | "overdue";
  task: InspectionTaskDoc;
  at: Date;
}

/**
 * The in-process bus of inspection task changes, beside the event bus: commands and jobs publish
 * after their write; the realtime change processor (the one place that emits) listens.
 */
class InspectionTaskBus {
  private readonly emitter = new EventEmitter();

  publish(change: InspectionTaskChange): void {
    this.emitter.emit("task", change);
  }

  subscribe(listener: (change: InspectionTaskChange) => void): () => void {
    const safe = (change: InspectionTaskChange) => {
      try {
        listener(change);
      } catch {
        // The write has succeeded; a failing listener is its own problem.
      }
    };
    this.emitter.on("task", safe);
    return () => this.emitter.off("task", safe);
  }
}

export const inspectionTaskEvents = new InspectionTaskBus();
