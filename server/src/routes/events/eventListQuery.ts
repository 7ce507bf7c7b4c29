import type { EventListQuery } from "@gridrisk/shared";
import { type ListFields, matchesListQuery, pageOfList, sortValueOf } from "../../events/eventListFacts";
import { canSeeEvent, canSeeEventIds, visibleEventsFilter } from "../../events/eventVisibility";
import { metricFactOf } from "../../metrics/metricFact";
import { metricsStore } from "../../metrics/metricsStore";
import { type EventDoc, EventModel } from "../../models/event";
import type { Actor } from "../../policies/actor";
import { type EventSummaryView, presentEventSummary } from "../../presenters/eventPresenter";
import { afterCursor, cursorAfter, cursorAt, eventListFilter, parseCursor, sortOf } from "./eventListFilter";

/** How recent other instances' changes a list sees: the change log is read first if older. */
const LIST_FRESHNESS_MS = 500;

export interface EventListPage {
  items: EventSummaryView[];
  nextCursor?: string;
}

/**
 * A page of the event list. Picked from the facts every process holds in memory (see
 * eventListFacts) and read by `_id`, once those are built; by one query of the events collection
 * while they are being built, and for a text search (`q`), which only the database answers.
 */
export async function listEvents(query: EventListQuery, actor: Actor): Promise<EventListPage> {
  if (query.q || !metricsStore.built) return listFromDatabase(query, actor);
  return listFromFacts(query, actor, (await metricsStore.fresh(LIST_FRESHNESS_MS)).values());
}

/** A page picked from `facts`, its events read by `_id`. */
export async function listFromFacts(
  query: EventListQuery,
  actor: Actor,
  facts: Iterable<ListFields>,
): Promise<EventListPage> {
  const sort = sortOf(query);
  const after = query.cursor ? parseCursor(query.cursor) : undefined;
  const { page, more } = pageOfList(facts, query, actor, sort, after);
  const docs = await Promise.all(page.map((fact) => EventModel.findById(fact.id).select({ timeline: 0 }).lean()));
  // An event changed by another instance since its fact was read shows as it is now, or not at
  // all if it no longer belongs in the list.
  const kept = (docs as (EventDoc | null)[]).filter(
    (doc): doc is EventDoc =>
      doc !== null && canSeeEvent(actor, doc) && matchesListQuery(metricFactOf(doc), query, actor.id),
  );
  const last = page.at(-1);
  return {
    items: kept.map(presentEventSummary),
    ...(more && last ? { nextCursor: cursorAt({ value: sortValueOf(last, sort), id: last.id }) } : {}),
  };
}

/** The same page by one query of the events collection. */
export async function listFromDatabase(query: EventListQuery, actor: Actor): Promise<EventListPage> {
  const sort = sortOf(query);
  const filter = eventListFilter(query, visibleEventsFilter(actor), actor.id);
  if (query.cursor) (filter.$and as unknown[]).push(afterCursor(query.cursor, sort));
  const docs = (await EventModel.find(filter)
    .select({ timeline: 0 })
    .sort({ [sort.field]: sort.direction, _id: sort.direction })
    .limit(query.limit + 1)
    .lean()) as EventDoc[];
  const items = docs.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(presentEventSummary),
    ...(docs.length > query.limit && last ? { nextCursor: cursorAfter(last, sort) } : {}),
  };
}

/** Events by status in the actor's area (or the region's part of it): from the facts once built. */
export async function countEvents(actor: Actor, region?: string): Promise<Record<string, number>> {
  if (!metricsStore.built) return countFromDatabase(actor, region);
  return countFromFacts(actor, region, (await metricsStore.fresh(LIST_FRESHNESS_MS)).values());
}

/** The counts over `facts`. */
export function countFromFacts(actor: Actor, region: string | undefined, facts: Iterable<ListFields>) {
  const query = { region, sort: "-createdAt", limit: 1 } as EventListQuery;
  const byStatus: Record<string, number> = {};
  for (const fact of facts) {
    if (canSeeEventIds(actor, fact) && matchesListQuery(fact, query, actor.id))
      byStatus[fact.status] = (byStatus[fact.status] ?? 0) + 1;
  }
  return byStatus;
}

/** The same counts by one aggregation of the events collection. */
export async function countFromDatabase(actor: Actor, region?: string): Promise<Record<string, number>> {
  const query = { region, sort: "-createdAt", limit: 1 } as EventListQuery;
  const groups = await EventModel.aggregate<{ _id: string; count: number }>([
    { $match: eventListFilter(query, visibleEventsFilter(actor)) },
    { $group: { _id: "$status", count: { $sum: 1 } } },
  ]);
  return Object.fromEntries(groups.map((group) => [group._id, group.count]));
}
