import type { EventListQuery } from "@gridrisk/shared";
import type { Actor } from "../policies/actor";
import { canSeeEventIds } from "./eventVisibility";

/**
 * What the event list filters and sorts by, as the metrics facts hold it for every event (see
 * metricsStore): the list can then pick a page in memory and read only that page's events, by
 * `_id`, where the same query in the database reads every event on FerretDB's SQLite backend.
 * Each function here answers exactly what its database counterpart in
 * routes/events/eventListFilter.ts selects, and visibility is canSeeEventIds (a test compares them on
 * a seeded history across queries, sorts, cursors and roles).
 */
export interface ListFields {
  id: string;
  status: string;
  severity: string;
  category: string;
  regionPath: string[];
  institutionId: string | null;
  reporterId: string | null;
  followUpAssigneeId: string | null;
  /** Departments with a task on the event. */
  departmentIds: string[];
  overdueStages: string[];
  /** createdAt, in ms. */
  reportedAt: number;
  nextDeadline: number | null;
  lng: number;
  lat: number;
}

/** Where a list continues: after this sort value (ms) and id. */
export interface ListPosition {
  value: number;
  id: string;
}

type ListSort = { field: "createdAt" | "nextDeadline"; direction: 1 | -1 };

/** eventListFilter's conditions (but `q`, which only the database answers), in memory. */
export function matchesListQuery(fields: ListFields, query: EventListQuery, actorId?: string): boolean {
  if (query.mine === "true" && actorId && fields.reporterId !== actorId) return false;
  if (query.followUpMine === "true" && actorId && fields.followUpAssigneeId !== actorId) return false;
  if (query.status && !(query.status as readonly string[]).includes(fields.status)) return false;
  if (query.severity && !(query.severity as readonly string[]).includes(fields.severity)) return false;
  if (query.category && !query.category.includes(fields.category)) return false;
  if (query.region && !fields.regionPath.includes(query.region)) return false;
  if (query.institution && fields.institutionId !== query.institution) return false;
  if (query.overdue === "true" && fields.overdueStages.length === 0) return false;
  if (query.overdue === "false" && fields.overdueStages.length > 0) return false;
  if (query.createdFrom && fields.reportedAt < Date.parse(query.createdFrom)) return false;
  if (query.createdTo && fields.reportedAt >= Date.parse(query.createdTo)) return false;
  if (query.bbox) {
    const [minLng, minLat, maxLng, maxLat] = query.bbox as [number, number, number, number];
    if (fields.lng < minLng || fields.lng > maxLng || fields.lat < minLat || fields.lat > maxLat) return false;
  }
  if (query.sort === "deadline" && fields.nextDeadline === null) return false;
  return true;
}

/** The value a list sorts an event by (cursorAfter's, in ms). */
export function sortValueOf(fields: ListFields, sort: ListSort): number {
  return (sort.field === "createdAt" ? fields.reportedAt : fields.nextDeadline) ?? 0;
}

/** Orders two events as the list's sort does: by the sort value, then by id, in one direction. */
function compare(a: ListFields, b: ListFields, sort: ListSort): number {
  const byValue = sortValueOf(a, sort) - sortValueOf(b, sort);
  if (byValue !== 0) return byValue * sort.direction;
  return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sort.direction;
}

/**
 * The events of one page of a list query: those the actor may see and the query selects, after
 * `after` when given, in the list's order, at most `limit`; `more` when others follow.
 */
export function pageOfList(
  candidates: Iterable<ListFields>,
  query: EventListQuery,
  actor: Actor,
  sort: ListSort,
  after?: ListPosition,
): { page: ListFields[]; more: boolean } {
  const position = after ? ({ id: after.id, reportedAt: after.value, nextDeadline: after.value } as ListFields) : null;
  const selected: ListFields[] = [];
  for (const fields of candidates) {
    if (!canSeeEventIds(actor, fields) || !matchesListQuery(fields, query, actor.id)) continue;
    if (position && compare(fields, position, sort) <= 0) continue;
    selected.push(fields);
  }
  selected.sort((a, b) => compare(a, b, sort));
  return { page: selected.slice(0, query.limit), more: selected.length > query.limit };
}
