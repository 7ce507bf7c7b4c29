import type { ListFields } from "../events/eventListFacts";
import type { EventDoc } from "../models/event";

/**
 * What the figures, the live map and the event list need to know about one event, derived from
 * the stored event and its timeline. Small enough that a process keeps one per event in memory.
 */
export interface MetricFact extends ListFields {
  id: string;
  /** The optimistic lock's version: a fact never replaces a newer one. */
  version: number;
  code: string;
  title: string;
  /** City … grid ids. */
  regionPath: string[];
  /** The institution it is about, if any (the risk score counts an institution's events). */
  institutionId: string | null;
  /** How it was reported (app, inspection, rule…). */
  source: string;
  lng: number;
  lat: number;
  category: string;
  severity: string;
  status: string;
  reportedAt: number;
  /** First assessment (any decision). */
  assessedAt: number | null;
  /** Whether the assessment clock ran out before the first assessment. */
  assessmentLate: boolean;
  /** First dispatch to departments. */
  dispatchedAt: number | null;
  /** First resolution (handling ended). */
  resolvedAt: number | null;
  /** Whether a handling clock ran out before the first resolution. */
  handlingLate: boolean;
  /** When the event was closed, if it is closed now. */
  closedAt: number | null;
  reworked: boolean;
  urges: number;
  /** The earliest open deadline. */
  nextDeadline: number | null;
  /** Stages marked overdue and still running. */
  overdueStages: string[];
  /** Who reported it, whose follow-up visit it is, and the departments with a task on it (the list's filters). */
  reporterId: string | null;
  followUpAssigneeId: string | null;
  departmentIds: string[];
  /** Each stage's running clock, in ms (the overdue sweep picks its candidates by them). */
  stageDeadlines: { assessment: number | null; handling: number | null; followUp: number | null };
}

/** The fields of a stored event a fact is derived from (the scan's projection). */
export const FACT_PROJECTION = {
  code: 1,
  title: 1,
  regionPath: 1,
  institutionId: 1,
  source: 1,
  lng: 1,
  lat: 1,
  category: 1,
  severity: 1,
  status: 1,
  createdAt: 1,
  closedAt: 1,
  reworkCount: 1,
  urgeCount: 1,
  nextDeadline: 1,
  overdueStages: 1,
  version: 1,
  reporterId: 1,
  deadlines: 1,
  "followUp.assigneeId": 1,
  "tasks.departmentId": 1,
  // Only what a fact reads of the timeline: FerretDB then sends a fraction of each event, which
  // made the start-up scan about three times faster (the hashes and notes are most of an event).
  "timeline.action": 1,
  "timeline.at": 1,
  "timeline.toStatus": 1,
  "timeline.fields": 1,
} as const;

type FactSource = Pick<
  EventDoc,
  | "_id"
  | "code"
  | "title"
  | "regionPath"
  | "institutionId"
  | "source"
  | "lng"
  | "lat"
  | "category"
  | "severity"
  | "status"
  | "closedAt"
  | "reworkCount"
  | "urgeCount"
  | "nextDeadline"
  | "overdueStages"
  | "version"
  | "timeline"
  | "reporterId"
  | "deadlines"
  | "followUp"
  | "tasks"
> & { createdAt?: Date };

function overdueStagesOf(fields: string | null | undefined): string[] {
  if (!fields) return [];
  try {
    const parsed = JSON.parse(fields) as { overdue?: unknown };
    return Array.isArray(parsed.overdue) ? parsed.overdue.map(String) : [];
  } catch {
    return [];
  }
}

/** Derives the fact of an event from its stored document. */
export function metricFactOf(doc: FactSource): MetricFact {
  let assessedAt: number | null = null;
  let dispatchedAt: number | null = null;
  let resolvedAt: number | null = null;
  let assessmentLate = false;
  let handlingLate = false;
  for (const entry of doc.timeline ?? []) {
    const at = entry.at.getTime();
    if (entry.action === "overdue" || entry.action === "auto_urge") {
      const stages = overdueStagesOf(entry.fields);
      if (stages.includes("assessment") && assessedAt === null) assessmentLate = true;
      if (stages.includes("handling") && resolvedAt === null) handlingLate = true;
    }
    if (entry.action === "assess" && assessedAt === null) assessedAt = at;
    if (entry.toStatus === "dispatched" && dispatchedAt === null) dispatchedAt = at;
    if (entry.toStatus === "resolved" && resolvedAt === null) resolvedAt = at;
  }
  const first = doc.timeline?.[0]?.at;
  return {
    id: doc._id.toHexString(),
    version: doc.version,
    code: doc.code,
    title: doc.title,
    regionPath: doc.regionPath.map(String),
    institutionId: doc.institutionId ? String(doc.institutionId) : null,
    source: doc.source ?? "app",
    lng: doc.lng,
    lat: doc.lat,
    category: doc.category,
    severity: doc.severity,
    status: doc.status,
    reportedAt: (doc.createdAt ?? first ?? new Date(0)).getTime(),
    assessedAt,
    assessmentLate,
    dispatchedAt,
    resolvedAt,
    handlingLate,
    closedAt: doc.status === "closed" && doc.closedAt ? doc.closedAt.getTime() : null,
    reworked: (doc.reworkCount ?? 0) > 0,
    urges: doc.urgeCount ?? 0,
    nextDeadline: doc.nextDeadline ? doc.nextDeadline.getTime() : null,
    overdueStages: [...(doc.overdueStages ?? [])],
    reporterId: doc.reporterId ? String(doc.reporterId) : null,
    followUpAssigneeId: doc.followUp?.assigneeId ? String(doc.followUp.assigneeId) : null,
    departmentIds: [...new Set((doc.tasks ?? []).map((task) => String(task.departmentId)))],
    stageDeadlines: {
      assessment: doc.deadlines?.assessment?.getTime() ?? null,
      handling: doc.deadlines?.handling?.getTime() ?? null,
      followUp: doc.deadlines?.followUp?.getTime() ?? null,
    },
  };
}
