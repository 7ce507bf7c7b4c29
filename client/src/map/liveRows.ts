import { EVENT_STATUSES, type LiveEventView, type MapEventRow, SEVERITIES } from "@gridrisk/shared";
import type { MapFilters } from "./mapFilters";

const FINAL = new Set(["closed", "dismissed", "merged"]);

/**
 * The map row of a live change, or undefined when the filters leave it out. `reportedAt` is the
 * row's when known, else the change's time (a new report's is its creation).
 */
export function liveRowOf(
  event: LiveEventView,
  filters: MapFilters,
  reportedAt: number | undefined,
  now: number,
): MapEventRow | undefined {
  const overdue =
    !FINAL.has(event.status) && Object.values(event.deadlines).some((due) => due && Date.parse(due) <= now);
  const reported = reportedAt ?? Date.parse(event.updatedAt);
  if (filters.status.length && !filters.status.includes(event.status)) return undefined;
  if (filters.severity.length && !filters.severity.includes(event.severity)) return undefined;
  if (filters.category.length && !filters.category.includes(event.category)) return undefined;
  if (filters.region && !event.regionPath.includes(filters.region)) return undefined;
  if (filters.overdue && !overdue) return undefined;
  if (reported < now - filters.days * 86_400_000) return undefined;
  const [lng, lat] = event.location.coordinates;
  return [
    event.id,
    lng,
    lat,
    SEVERITIES.indexOf(event.severity),
    EVENT_STATUSES.indexOf(event.status),
    event.category,
    overdue ? 1 : 0,
    reported,
  ];
}
