import { riskScoreOf } from "@gridrisk/shared";
import { canSeeEvent, type VisibilityFacts } from "../events/eventVisibility";
import type { MetricFact } from "../metrics/metricFact";
import { metricsStore } from "../metrics/metricsStore";
import { EventModel } from "../models/event";
import type { InstitutionDoc } from "../models/institution";
import type { Actor } from "../policies/actor";
import { isWithinTerritory } from "../policies/territoryPolicy";
import { inspectionTaskStore } from "./inspectionTaskStore";
import { riskFactsOf } from "./riskFacts";
import { canSeeTask } from "./taskVisibility";

const LISTED = 20;
/** Most of an institution's events read (newest first) to find the ones the actor may see. */
const EVENTS_READ = 100;

/** An event as the profile lists it. */
type ListedEvent = Pick<MetricFact, "id" | "code" | "title" | "status" | "severity" | "category" | "source"> & {
  createdAt: string;
};

/**
 * The institution's events the actor may see, newest first, from the in-memory facts (no scan of
 * the events on FerretDB/SQLite). A department handler's visibility depends on the event's tasks,
 * which the facts lack: those few events are read by `_id`, the one fast lookup.
 */
async function eventsAbout(actor: Actor, institutionId: string): Promise<ListedEvent[]> {
  const facts = [...(await metricsStore.current()).values()]
    .filter((fact) => fact.institutionId === institutionId)
    .sort((a, b) => b.reportedAt - a.reportedAt);
  const listed = (fact: MetricFact): ListedEvent => ({
    id: fact.id,
    code: fact.code,
    title: fact.title,
    status: fact.status,
    severity: fact.severity,
    category: fact.category,
    source: fact.source,
    createdAt: new Date(fact.reportedAt).toISOString(),
  });
  if (actor.role !== "department_handler") {
    return facts.filter((fact) => isWithinTerritory(actor, fact.regionPath)).map(listed);
  }
  const docs = await Promise.all(
    facts
      .slice(0, EVENTS_READ)
      .map(
        (fact) =>
          EventModel.findById(fact.id).select({ regionPath: 1, tasks: 1, reporterId: 1 }).lean() as Promise<
            (VisibilityFacts & { _id: unknown }) | null
          >,
      ),
  );
  const visible = new Set(docs.flatMap((doc) => (doc && canSeeEvent(actor, doc) ? [String(doc._id)] : [])));
  return facts.filter((fact) => visible.has(fact.id)).map(listed);
}

/**
 * An institution's risk profile as the actor may see it: its events, inspections and findings,
 * its fund-supervision and licence status, and its risk score with every factor explained. The
 * score counts all events and inspections, also those the actor may not open.
 */
export async function riskProfileOf(actor: Actor, institution: InstitutionDoc, now = new Date()) {
  const institutionId = institution._id;
  const [facts, events, store] = await Promise.all([
    riskFactsOf([institution], now),
    eventsAbout(actor, institutionId.toHexString()),
    inspectionTaskStore.current(),
  ]);
  const tasks = [...store.values()]
    .filter((task) => String(task.institutionId) === institutionId.toHexString())
    .sort((a, b) => b.occurrenceDate.localeCompare(a.occurrenceDate));
  const fact = facts.get(institutionId.toHexString());
  const visibleTasks = tasks.filter((task) => canSeeTask(actor, task));
  const inspections = visibleTasks.filter((task) => task.status !== "open" || task.endsAt <= now);
  return {
    institution: {
      id: institutionId.toHexString(),
      name: institution.name,
      type: institution.type,
      licenceStatus: institution.licenceStatus,
      fundSupervision: institution.fundSupervision,
      licenceValidUntil: institution.licenceValidUntil ?? null,
      classesScheduledUntil: institution.classesScheduledUntil ?? null,
      address: institution.address,
    },
    risk: fact ? riskScoreOf(fact) : { score: 0, factors: [] },
    events: events.slice(0, LISTED),
    inspections: inspections.slice(0, LISTED).map((task) => ({
      id: task._id,
      planName: task.planName,
      occurrenceDate: task.occurrenceDate,
      status: task.status,
      overdue: task.overdue ?? false,
      failedChecks: task.answers.filter((answer) => answer.result === "fail").length,
      findings: task.findings.length,
    })),
    findings: visibleTasks
      .flatMap((task) =>
        task.findings.map((finding) => ({
          taskId: task._id,
          occurrenceDate: task.occurrenceDate,
          id: finding.id,
          text: finding.text,
          eventId: finding.eventId ? String(finding.eventId) : null,
        })),
      )
      .slice(0, LISTED),
  };
}
