import { trusted } from "../database/trustedFilter";
import { inspectionTaskEvents } from "../inspections/inspectionTaskEvents";
import { createLogger } from "../logging/logger";
import { type InspectionTaskDoc, InspectionTaskModel } from "../models/inspectionTask";
import { claimOnce } from "../models/onceClaim";

const log = createLogger("jobs");

/**
 * Flags inspection tasks whose window has closed undone, once each (a claim per task), and
 * pushes each flag live like an overdue event.
 */
export async function sweepOverdueInspections(now: Date): Promise<{ flagged: number }> {
  // A batch scan of the window ends; each due task is then written by _id alone.
  const filter: Record<string, unknown> = {
    endsAt: trusted({ $lte: now }),
    status: trusted({ $ne: "done" }),
    overdue: false,
  };
  const due = (await InspectionTaskModel.find(filter).select({ _id: 1 }).lean()) as Pick<InspectionTaskDoc, "_id">[];
  let flagged = 0;
  for (const { _id } of due) {
    if (!(await claimOnce(`task-overdue:${_id}`, "task_overdue", now))) continue;
    const task = (await InspectionTaskModel.findOneAndUpdate(
      { _id },
      { $set: { overdue: true }, $inc: { version: 1 } },
      { returnDocument: "after" },
    ).lean()) as unknown as InspectionTaskDoc | null;
    if (!task) continue;
    flagged += 1;
    inspectionTaskEvents.publish({ type: "overdue", task, at: now });
  }
  if (flagged) log.info("overdue inspections flagged", { flagged });
  return { flagged };
}
