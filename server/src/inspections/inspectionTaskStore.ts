import mongoose from "mongoose";
import { createLogger } from "../logging/logger";
import type { ChangeLogEntryDoc } from "../models/changeLogEntry";
import { type InspectionTaskDoc, InspectionTaskModel } from "../models/inspectionTask";
import { ChangeLogFollower } from "../realtime/changeLogFollower";
import { inspectionTaskEvents } from "./inspectionTaskEvents";

const log = createLogger("inspections");

/** Whether `next` is at least as new as `held`: a regenerated task has a newer plan version. */
const isNewer = (next: InspectionTaskDoc, held: InspectionTaskDoc) =>
  next.planVersion > held.planVersion || (next.planVersion === held.planVersion && next.version >= held.version);

/**
 * Every inspection task in memory, so that "my tasks", risk profiles and risk scores read no
 * collection (FerretDB v1 on SQLite scans the whole collection for any filter but `_id`: seconds
 * at a few thousand tasks). Built by one scan on first use; kept current by this process's task
 * changes and materialisations at once, and by the change log (other instances) within seconds.
 * Writers that must not act on a stale view (materialisation, the overdue sweep) read the database.
 */
class InspectionTaskStore extends ChangeLogFollower {
  private tasks = new Map<string, InspectionTaskDoc>();

  constructor() {
    super("inspection task store");
  }

  /** The tasks, built or brought up to date first. */
  async current(): Promise<ReadonlyMap<string, InspectionTaskDoc>> {
    await this.ready();
    return this.tasks;
  }

  /** Keeps a task unless the one held is newer. */
  upsert(task: InspectionTaskDoc): void {
    const held = this.tasks.get(task._id);
    if (!held || isNewer(task, held)) this.tasks.set(task._id, task);
  }

  /** What a materialisation of this process wrote: the tasks inserted and the ids deleted. */
  materialised(inserted: readonly InspectionTaskDoc[], deleted: readonly string[]): void {
    if (!this.started) return;
    for (const id of deleted) this.tasks.delete(id);
    for (const task of inserted) this.upsert(task);
  }

  protected subscribe(): void {
    inspectionTaskEvents.subscribe(({ task }) => {
      if (this.started) this.upsert(task);
    });
  }

  protected clear(): void {
    this.tasks = new Map();
  }

  protected async scan(): Promise<void> {
    const started = Date.now();
    const cursor = InspectionTaskModel.find({}).lean().cursor({ batchSize: 2000 });
    for await (const doc of cursor) this.upsert(doc as unknown as InspectionTaskDoc);
    log.info("inspection tasks loaded", { tasks: this.tasks.size, durationMs: Date.now() - started });
  }

  /** Re-reads what the change log names: tasks by `_id`, materialised plans' tasks whole. */
  protected async apply(entries: readonly ChangeLogEntryDoc[]): Promise<void> {
    const taskIds = new Set<string>();
    const planIds = new Set<string>();
    for (const entry of entries) {
      if (entry.kind === "inspection_task") taskIds.add((entry.task as { id: string }).id);
      if (entry.kind === "inspection_plan" && entry.planId) planIds.add(entry.planId);
    }
    for (const planId of planIds) await this.reloadPlan(planId);
    for (const id of taskIds) {
      const doc = await InspectionTaskModel.findById(id).lean();
      if (doc) this.upsert(doc as unknown as InspectionTaskDoc);
    }
  }

  private async reloadPlan(planId: string): Promise<void> {
    const docs = (await InspectionTaskModel.find({
      planId: new mongoose.Types.ObjectId(planId),
    }).lean()) as unknown as InspectionTaskDoc[];
    for (const [id, task] of this.tasks) if (String(task.planId) === planId) this.tasks.delete(id);
    for (const doc of docs) this.upsert(doc);
  }
}

/** The process's inspection tasks. */
export const inspectionTaskStore = new InspectionTaskStore();
