import { EVENT_STATUSES, type MapEventRow, type MapEventsView, SEVERITIES } from "@gridrisk/shared";
import type { MetricFact } from "../metrics/metricFact";

const severityIndex = new Map<string, number>(SEVERITIES.map((severity, index) => [severity, index]));
const statusIndex = new Map<string, number>(EVENT_STATUSES.map((status, index) => [status, index]));

/** One event as a compact row of the live map. */
export function presentMapRow(fact: MetricFact, overdue: boolean): MapEventRow {
  return [
    fact.id,
    fact.lng,
    fact.lat,
    severityIndex.get(fact.severity) ?? 0,
    statusIndex.get(fact.status) ?? 0,
    fact.category,
    overdue ? 1 : 0,
    fact.reportedAt,
  ];
}

/** An overdue or escalated event of the side panel; `lateMs` is how long its earliest deadline has passed. */
export function presentLateEvent(fact: MetricFact, now: number): MapEventsView["late"][number] {
  return {
    id: fact.id,
    code: fact.code,
    title: fact.title,
    status: fact.status as MapEventsView["late"][number]["status"],
    severity: fact.severity as MapEventsView["late"][number]["severity"],
    lateMs: fact.nextDeadline !== null && fact.nextDeadline <= now ? now - fact.nextDeadline : 0,
    lng: fact.lng,
    lat: fact.lat,
  };
}
