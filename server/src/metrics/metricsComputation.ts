import { METRICS_LIMITS, type MetricFigures, type StageDuration } from "@gridrisk/shared";
import type { MetricFact } from "./metricFact";

const FINAL = new Set(["closed", "dismissed", "merged"]);
const DAY_MS = 86_400_000;
const OFFSET_MS = METRICS_LIMITS.dayOffsetHours * 3600_000;

/** The period the figures cover: events reported in [from, to), and "now" for what is overdue. */
export interface MetricsPeriod {
  from: number;
  to: number;
  now: number;
}

/** Whether the event is open and past a deadline at `now` (marked by the sweep or not yet). */
export function isOverdueNow(fact: MetricFact, now: number): boolean {
  if (FINAL.has(fact.status)) return false;
  return fact.overdueStages.length > 0 || (fact.nextDeadline !== null && fact.nextDeadline <= now);
}

/** The nearest-rank percentile `p` (0–1) of ascending values; null when there are none. */
export function percentile(ascending: readonly number[], p: number): number | null {
  if (ascending.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * ascending.length));
  return ascending[rank - 1] ?? null;
}

/** Count, mean and p90 of durations in milliseconds. */
export function stageDuration(durations: readonly number[]): StageDuration {
  if (durations.length === 0) return { count: 0, meanMs: null, p90Ms: null };
  const values = Float64Array.from(durations);
  let sum = 0;
  for (const value of values) sum += value;
  const rank = Math.max(1, Math.ceil(0.9 * values.length));
  return { count: values.length, meanMs: Math.round(sum / values.length), p90Ms: kthSmallest(values, rank - 1) };
}

/**
 * The k-th smallest (0-based) of `values`, which it reorders: a quickselect, linear on average,
 * because sorting every slice's durations took most of a city-wide query.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k] as number;
}

/** `part / whole` to four decimals; null when nothing is counted. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Adds facts one by one and tells the figures of all of them. */
export class FigureTally {
  private reported = 0;
  private assessed = 0;
  private assessedOnTime = 0;
  private handled = 0;
  private handledOnTime = 0;
  private closed = 0;
  private reworked = 0;
  private urgings = 0;
  private overdueNow = 0;
  private readonly durations = { assessment: [] as number[], handling: [] as number[], followUp: [] as number[] };

  /** Counts an event reported in the period. */
  addReported(fact: MetricFact): void {
    this.reported += 1;
    this.urgings += fact.urges;
    if (fact.assessedAt !== null) {
      this.assessed += 1;
      if (!fact.assessmentLate) this.assessedOnTime += 1;
      this.durations.assessment.push(fact.assessedAt - fact.reportedAt);
    }
    if (fact.resolvedAt !== null) {
      this.handled += 1;
      if (!fact.handlingLate) this.handledOnTime += 1;
      if (fact.reworked) this.reworked += 1;
      if (fact.dispatchedAt !== null) this.durations.handling.push(fact.resolvedAt - fact.dispatchedAt);
      if (fact.closedAt !== null) this.durations.followUp.push(fact.closedAt - fact.resolvedAt);
    }
    if (fact.status === "closed") this.closed += 1;
  }

  /** Counts an open event overdue now (whenever it was reported). */
  addOverdue(): void {
    this.overdueNow += 1;
  }

  figures(): MetricFigures {
    return {
      reported: this.reported,
      assessed: this.assessed,
      assessedOnTime: this.assessedOnTime,
      onTimeAssessmentRate: rate(this.assessedOnTime, this.assessed),
      handled: this.handled,
      handledOnTime: this.handledOnTime,
      onTimeHandlingRate: rate(this.handledOnTime, this.handled),
      closed: this.closed,
      closureRate: rate(this.closed, this.reported),
      reworked: this.reworked,
      reworkRate: rate(this.reworked, this.handled),
      urgings: this.urgings,
      overdueNow: this.overdueNow,
      stages: {
        assessment: stageDuration(this.durations.assessment),
        handling: stageDuration(this.durations.handling),
        followUp: stageDuration(this.durations.followUp),
      },
    };
  }
}

/** The calendar day (China Standard Time) of an instant, as YYYY-MM-DD. */
export function dayOf(time: number): string {
  return new Date(time + OFFSET_MS).toISOString().slice(0, 10);
}

/** The number of the calendar day (China Standard Time) of an instant, counted from 1970-01-01. */
function dayNumber(time: number): number {
  return Math.floor((time + OFFSET_MS) / DAY_MS);
}

/** Every calendar day the period touches, oldest first. */
export function daysOf(from: number, to: number): string[] {
  const days: string[] = [];
  for (let day = dayNumber(from); day <= dayNumber(to - 1); day++) days.push(dayOf(day * DAY_MS - OFFSET_MS));
  return days;
}

/** Figures of a territory's events, with their breakdowns. */
export interface MetricsComputation {
  totals: MetricFigures;
  /** By the child region `childOf` names (events it names none for count in the totals only). */
  byChild: Map<string, MetricFigures>;
  byCategory: Map<string, MetricFigures>;
  bySeverity: Map<string, MetricFigures>;
  daily: { date: string; reported: number; closed: number }[];
  byStatus: Record<string, number>;
}

function tallyOf(tallies: Map<string, FigureTally>, key: string): FigureTally {
  let tally = tallies.get(key);
  if (!tally) {
    tally = new FigureTally();
    tallies.set(key, tally);
  }
  return tally;
}

const figuresOf = (tallies: Map<string, FigureTally>) =>
  new Map([...tallies].map(([key, tally]) => [key, tally.figures()]));

/**
 * The figures of `facts` (already limited to one territory) over `period`. One pass; no fact
 * is changed. `childOf` names the child region an event lies in, for the breakdown by region.
 */
export function computeMetrics(
  facts: Iterable<MetricFact>,
  period: MetricsPeriod,
  childOf: (fact: MetricFact) => string | undefined,
): MetricsComputation {
  const totals = new FigureTally();
  const byChild = new Map<string, FigureTally>();
  const byCategory = new Map<string, FigureTally>();
  const bySeverity = new Map<string, FigureTally>();
  // Days as indexes from the first: formatting a date per event would cost more than the rest.
  const daily = daysOf(period.from, period.to).map((date) => ({ date, reported: 0, closed: 0 }));
  const firstDay = dayNumber(period.from);
  const byStatus: Record<string, number> = {};
  for (const fact of facts) {
    const inPeriod = fact.reportedAt >= period.from && fact.reportedAt < period.to;
    const overdue = isOverdueNow(fact, period.now);
    if (fact.closedAt !== null && fact.closedAt >= period.from && fact.closedAt < period.to) {
      const day = daily[dayNumber(fact.closedAt) - firstDay];
      if (day) day.closed += 1;
    }
    if (!inPeriod && !overdue) continue;
    const child = childOf(fact);
    // Four slices, named rather than gathered in an array: this loop runs once per event.
    const category = tallyOf(byCategory, fact.category);
    const severity = tallyOf(bySeverity, fact.severity);
    const region = child === undefined ? undefined : tallyOf(byChild, child);
    if (inPeriod) {
      totals.addReported(fact);
      category.addReported(fact);
      severity.addReported(fact);
      region?.addReported(fact);
      byStatus[fact.status] = (byStatus[fact.status] ?? 0) + 1;
      const day = daily[dayNumber(fact.reportedAt) - firstDay];
      if (day) day.reported += 1;
    }
    if (overdue) {
      totals.addOverdue();
      category.addOverdue();
      severity.addOverdue();
      region?.addOverdue();
    }
  }
  return {
    totals: totals.figures(),
    byChild: figuresOf(byChild),
    byCategory: figuresOf(byCategory),
    bySeverity: figuresOf(bySeverity),
    daily,
    byStatus,
  };
}
