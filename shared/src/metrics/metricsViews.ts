import type { EventStatus, Severity } from "../events/eventKinds";
import type { RegionLevel } from "../territory/regionLevels";

/** Mean and 90th percentile of how long one stage took, over the events that finished it. */
export interface StageDuration {
  count: number;
  meanMs: number | null;
  p90Ms: number | null;
}

/** The figures of one slice of events (a territory, a child region, a category or a severity). */
export interface MetricFigures {
  /** Events reported in the period. */
  reported: number;
  /** Of those, assessed; and assessed before the assessment deadline. */
  assessed: number;
  assessedOnTime: number;
  onTimeAssessmentRate: number | null;
  /** Of those, whose handling ended (resolved); and ended with no handling stage overdue (按期处置). */
  handled: number;
  handledOnTime: number;
  onTimeHandlingRate: number | null;
  /** Closed of reported (结案率). */
  closed: number;
  closureRate: number | null;
  /** Sent back to handling after a follow-up visit, of those handled (返工率). */
  reworked: number;
  reworkRate: number | null;
  /** Urgings (督办), manual and automatic, of the period's events. */
  urgings: number;
  /** Open events past a deadline now, whenever reported. */
  overdueNow: number;
  stages: { assessment: StageDuration; handling: StageDuration; followUp: StageDuration };
}

/** A region as the figures name it. */
export interface MetricsRegion {
  id: string;
  name: string;
  nameEn?: string;
  level: RegionLevel;
}

/** Body of GET /api/metrics. */
export interface MetricsView {
  region: MetricsRegion;
  from: string;
  to: string;
  totals: MetricFigures;
  byRegion: (MetricFigures & { region: MetricsRegion })[];
  byCategory: (MetricFigures & { category: string })[];
  bySeverity: (MetricFigures & { severity: Severity })[];
  /** Reported and closed per calendar day (China Standard Time), oldest first. */
  daily: { date: string; reported: number; closed: number }[];
  /** Where the period's events stand now. */
  byStatus: Partial<Record<EventStatus, number>>;
  /** When the figures were last brought up to date. */
  asOf: string;
}

/**
 * One event on the live map, as a compact row:
 * [id, lng, lat, severity index, status index, category, overdue (0/1), reported at (epoch ms)].
 */
export type MapEventRow = [string, number, number, number, number, string, 0 | 1, number];

/** Body of GET /api/map/events. Indexes refer to SEVERITIES and EVENT_STATUSES. */
export interface MapEventsView {
  rows: MapEventRow[];
  /** Overdue and escalated events, latest first by lateness. */
  late: {
    id: string;
    code: string;
    title: string;
    status: EventStatus;
    severity: Severity;
    lateMs: number;
    lng: number;
    lat: number;
  }[];
  /** Open events per grid id (whenever reported, other filters applied), when asked with `shade=true`. */
  openByGrid?: Record<string, number>;
  asOf: string;
}
