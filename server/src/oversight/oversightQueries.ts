import { OVERSIGHT_LIMITS, type RegionLevel } from "@gridrisk/shared";
import { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import { visibleEventsFilter } from "../events/eventVisibility";
import { type EventDoc, EventModel } from "../models/event";
import type { Actor } from "../policies/actor";
import { isWithinTerritory } from "../policies/territoryPolicy";
import { territory } from "../territory/territoryCache";
import type { RankedRegion } from "./oversightRanking";

/** Statuses after which an event is no longer running. */
export const FINISHED_STATUSES = ["resolved", "follow_up", "closed", "dismissed", "merged"];

/** The regions of a level that the actor oversees, below `under` when given. */
export function overseenRegions(actor: Actor, level: RegionLevel, under?: string): RankedRegion[] {
  return [...territory().all()]
    .filter((region) => region.level === level)
    .filter((region) => isWithinTerritory(actor, [...region.ancestors, region.id]))
    .filter((region) => !under || region.id === under || region.ancestors.includes(under))
    .map((region) => ({ id: region.id, name: region.name, level: region.level }));
}

/** The period of a report: `from`..`to`, by default the last 90 days. */
export function periodOf(query: { from?: string; to?: string }, now = new Date()): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from
    ? new Date(query.from)
    : new Date(to.getTime() - OVERSIGHT_LIMITS.defaultPeriodDays * 86_400_000);
  return { from, to };
}

/** Events the actor may see, reported in the period, below `region`: a report scan, not a hot path. */
export async function eventsForOversight(
  actor: Actor,
  options: { region?: string; from?: Date; to?: Date; openOlderThan?: Date },
): Promise<EventDoc[]> {
  const and: Record<string, unknown>[] = [visibleEventsFilter(actor)];
  if (options.region) and.push({ regionPath: new Types.ObjectId(options.region) });
  if (options.from || options.to) {
    and.push({
      createdAt: trusted({
        ...(options.from ? { $gte: options.from } : {}),
        ...(options.to ? { $lt: options.to } : {}),
      }),
    });
  }
  if (options.openOlderThan) {
    and.push({ createdAt: trusted({ $lt: options.openOlderThan }) });
    and.push({ status: trusted({ $nin: FINISHED_STATUSES }) });
  }
  return (await EventModel.find({ $and: and })
    .select({ description: 0, violations: 0, attachments: 0 })
    .lean()) as EventDoc[];
}

/** The ranking's facts of an event document. */
export function rankedFactsOf(doc: EventDoc) {
  return {
    regionPath: doc.regionPath.map(String),
    status: doc.status,
    overdueStages: doc.overdueStages ?? [],
    reworkCount: doc.reworkCount ?? 0,
    timeline: doc.timeline.map((entry) => ({
      action: entry.action,
      at: entry.at,
      actorRole: entry.actorRole,
      actorName: entry.actorName,
      note: entry.note ?? null,
    })),
  };
}
