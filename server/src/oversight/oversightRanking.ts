import type { RegionLevel } from "@gridrisk/shared";
import { median, type TimelineFact, urgingResponses } from "./urgingResponses";

/** What the ranking reads of an event. */
export interface RankedEventFacts {
  regionPath: string[];
  status: string;
  overdueStages: string[];
  reworkCount: number;
  timeline: TimelineFact[];
}

/** A region as the ranking names it. */
export interface RankedRegion {
  id: string;
  name: string;
  level: RegionLevel;
}

/** One row of the ranking: a district's or township's handling figures. */
export interface RankingRow {
  region: RankedRegion;
  events: number;
  /** Handled: resolved, in follow-up or closed. */
  handled: number;
  /** Handled without any stage ever going overdue. */
  onTime: number;
  onTimeRate: number | null;
  /** Handled events that were sent back to handling (返工) at least once. */
  reworked: number;
  reworkRate: number | null;
  /** Open events with a stage overdue now. */
  overdueNow: number;
  urgings: number;
  answeredUrgings: number;
  medianAnswerHours: number | null;
}

const HANDLED = new Set(["resolved", "follow_up", "closed"]);
const CLOSED_OTHERWISE = new Set(["dismissed", "merged"]);
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * Ranks the regions of one level by on-time handling (best first), then by fewer overdue events
 * and a lower rework rate. Regions without events are listed last, so none is left out.
 */
export function rankRegions(events: readonly RankedEventFacts[], regions: readonly RankedRegion[]): RankingRow[] {
  const byId = new Map(regions.map((region) => [region.id, region]));
  const rows = new Map<string, { row: RankingRow; answerHours: number[] }>(
    regions.map((region) => [
      region.id,
      {
        row: {
          region,
          events: 0,
          handled: 0,
          onTime: 0,
          onTimeRate: null,
          reworked: 0,
          reworkRate: null,
          overdueNow: 0,
          urgings: 0,
          answeredUrgings: 0,
          medianAnswerHours: null,
        },
        answerHours: [],
      },
    ]),
  );
  for (const event of events) {
    const regionId = event.regionPath.find((id) => byId.has(id));
    const entry = regionId ? rows.get(regionId) : undefined;
    if (!entry) continue;
    const { row } = entry;
    row.events += 1;
    const everOverdue = event.timeline.some((fact) => fact.action === "overdue" || fact.action === "auto_urge");
    if (HANDLED.has(event.status)) {
      row.handled += 1;
      if (!everOverdue) row.onTime += 1;
      if (event.reworkCount > 0) row.reworked += 1;
    }
    if (event.overdueStages.length && !HANDLED.has(event.status) && !CLOSED_OTHERWISE.has(event.status)) {
      row.overdueNow += 1;
    }
    for (const urging of urgingResponses(event.timeline)) {
      row.urgings += 1;
      if (urging.answerHours !== null) {
        row.answeredUrgings += 1;
        entry.answerHours.push(urging.answerHours);
      }
    }
  }
  const result = [...rows.values()].map(({ row, answerHours }) => ({
    ...row,
    onTimeRate: rate(row.onTime, row.handled),
    reworkRate: rate(row.reworked, row.handled),
    medianAnswerHours: median(answerHours),
  }));
  return result.sort(
    (a, b) =>
      Number(b.events > 0) - Number(a.events > 0) ||
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      a.overdueNow - b.overdueNow ||
      (a.reworkRate ?? 0) - (b.reworkRate ?? 0) ||
      a.region.name.localeCompare(b.region.name, "zh-CN"),
  );
}
