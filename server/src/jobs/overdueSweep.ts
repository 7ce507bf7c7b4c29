import { type ClockedStage, levelAbove, type OwningLevel } from "@gridrisk/shared";
import { applyPlan } from "../commands/eventTransitioner";
import { trusted } from "../database/trustedFilter";
import { domainEvents } from "../events/domainEvents";
import type { TransitionPlan } from "../events/transitionPlan";
import { createLogger } from "../logging/logger";
import type { MetricFact } from "../metrics/metricFact";
import { metricsStore } from "../metrics/metricsStore";
import { type EventDoc, EventModel } from "../models/event";

const log = createLogger("jobs");
const FINAL = ["closed", "dismissed", "merged"];

/** Which stages of an event are past their deadline at `now` and not yet marked. */
export function newlyOverdueStages(event: Pick<EventDoc, "deadlines" | "overdueStages">, now: Date): ClockedStage[] {
  const marked = new Set(event.overdueStages ?? []);
  const stages: ClockedStage[] = [];
  const deadlines = event.deadlines ?? {};
  for (const stage of ["assessment", "handling", "followUp"] as const) {
    const due = deadlines[stage];
    if (due && due.getTime() <= now.getTime() && !marked.has(stage)) stages.push(stage);
  }
  return stages;
}

type SweepCandidate = Pick<EventDoc, "deadlines" | "overdueStages" | "status"> & { _id: unknown };

/**
 * Open events whose next deadline has passed at `now`: from the facts once this process holds
 * them (with the change log read first), by a scan of the events' clock fields otherwise (a scan
 * reads every event on FerretDB's SQLite backend, once a minute). Each is read again by `_id`
 * before it is marked, so a fact that is a moment old marks nothing wrongly; one a moment behind
 * is caught by the next sweep.
 */
export async function dueForSweep(now: Date): Promise<SweepCandidate[]> {
  if (!metricsStore.built) return dueFromScan(now);
  return dueFromFacts((await metricsStore.fresh(0)).values(), now);
}

/** The candidates among `facts`. */
export function dueFromFacts(facts: Iterable<MetricFact>, now: Date): SweepCandidate[] {
  const due: SweepCandidate[] = [];
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  for (const fact of facts) {
    if (FINAL.includes(fact.status) || fact.nextDeadline === null || fact.nextDeadline > now.getTime()) continue;
    const { assessment, handling, followUp } = fact.stageDeadlines;
    due.push({
      _id: fact.id,
      status: fact.status as EventDoc["status"],
      overdueStages: fact.overdueStages,
      deadlines: { assessment: at(assessment), handling: at(handling), followUp: at(followUp) },
    });
  }
  return due;
}

/** The candidates by a scan of the events' clock fields. */
export async function dueFromScan(now: Date): Promise<SweepCandidate[]> {
  const filter: Record<string, unknown> = { status: trusted({ $nin: FINAL }), nextDeadline: trusted({ $lte: now }) };
  return (await EventModel.find(filter)
    .select({ deadlines: 1, overdueStages: 1, status: 1 })
    .lean()) as SweepCandidate[];
}

/**
 * Marks overdue stages and escalates them (快速反应): an overdue assessment is reported to the
 * level above, which may take the event over by claiming it; overdue handling gets an automatic
 * urging (督办) entry on behalf of the dispatcher's parent level. Each mark is an ordinary
 * versioned update with its timeline entry; an event changed meanwhile is retried next sweep.
 */
export async function sweepOverdue(now: Date): Promise<{ marked: number; conflicts: number }> {
  const due = await dueForSweep(now);
  let marked = 0;
  let conflicts = 0;
  for (const candidate of due) {
    if (newlyOverdueStages(candidate, now).length === 0) continue;
    const event = (await EventModel.findById(candidate._id).lean()) as EventDoc | null;
    if (!event) continue;
    const stages = newlyOverdueStages(event, now);
    if (stages.length === 0) continue;
    const above = levelAbove(event.owningLevel as OwningLevel);
    const handlingLate = stages.includes("handling");
    const tasks = handlingLate
      ? event.tasks.map((task) =>
          (task.status === "pending" || task.status === "accepted") && task.dueAt <= now
            ? { ...task, overdue: true }
            : task,
        )
      : undefined;
    const plan: TransitionPlan = {
      set: { overdueStages: [...(event.overdueStages ?? []), ...stages], ...(tasks ? { tasks } : {}) },
      inc: handlingLate ? { urgeCount: 1 } : ({} as Record<string, number>),
      toStatus: event.status,
      note: handlingLate
        ? `Handling is overdue: urged automatically on behalf of the ${above ?? "city"}.`
        : `Overdue: ${stages.join(", ")}.${stages.includes("assessment") && above ? ` The ${above} may take it over.` : ""}`,
      fields: { overdue: stages, escalatedTo: above ?? null },
      evidence: [],
    };
    try {
      const updated = await applyPlan(event, null, handlingLate ? "auto_urge" : "overdue", plan, now);
      marked += 1;
      domainEvents.publish({ type: "overdue", event: updated, at: now });
      if (handlingLate) domainEvents.publish({ type: "urged", event: updated, action: "auto_urge", at: now });
    } catch (error) {
      if ((error as { code?: string }).code !== "version_conflict") throw error;
      conflicts += 1;
    }
  }
  if (marked || conflicts) log.info("overdue sweep", { marked, conflicts });
  return { marked, conflicts };
}
