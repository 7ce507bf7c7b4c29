import type { CalendarPeriod } from "../calendar/calendarSchemas";
import { datesFrom, isValidDateKey } from "../calendar/workingCalendar";
import { rruleLibrary } from "./rruleLibrary";

/**
 * Expanding an inspection plan's recurrence into dated occurrences, Asia/Shanghai.
 *
 * rrule computes in "floating" time: we hand it UTC dates whose fields are the Shanghai wall
 * clock (2026-10-01 09:00 Shanghai is given as 2026-10-01T09:00Z), and read the results back the
 * same way. Shanghai is a fixed UTC+8 without daylight saving, so the real instant is that minus 8 h.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The recurrence part of a plan. */
export interface RecurrenceSpec {
  /** First day the plan may produce an occurrence, "YYYY-MM-DD" (the RRULE's DTSTART). */
  startDate: string;
  /** Last day, included; none: open-ended (or as COUNT/UNTIL say). */
  endDate?: string | undefined;
  /** RFC 5545 RRULE value without DTSTART, e.g. "FREQ=MONTHLY;BYMONTHDAY=10"; none: dates only. */
  rrule?: string | undefined;
  /** Extra dates (RDATE), e.g. lunar holidays that move every year. */
  rdates: readonly string[];
  /** Dates left out (EXDATE), whichever rule produced them. */
  exdates: readonly string[];
  /** Named periods of the calendar (e.g. 国庆节): their first day, or every day of them. */
  periods: readonly { name: string; days: "first" | "all" }[];
}

/** The daily time window of an occurrence, "HH:MM" Asia/Shanghai. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** One dated occurrence: its Shanghai date and the real instants its window opens and closes. */
export interface Occurrence {
  date: string;
  startsAt: Date;
  endsAt: Date;
}

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** The floating (wall-clock-as-UTC) milliseconds of a date at a time of day. */
const floatingMs = (date: string, time = "00:00"): number => Date.parse(`${date}T00:00:00Z`) + minutesOf(time) * 60_000;

const dateOfFloating = (floating: Date): string => floating.toISOString().slice(0, 10);

/**
 * Parses an RRULE value and checks that rrule can expand it. Returns the parser's message when it
 * cannot (the API answers 400 with it), undefined when it is valid.
 */
export function rruleProblem(rrule: string): string | undefined {
  const { RRule } = rruleLibrary;
  const value = rrule.replace(/^RRULE:/i, "").trim();
  if (/DTSTART|\n/i.test(value)) return "must be the RRULE value alone, without DTSTART (the plan's startDate is used)";
  try {
    const options = RRule.parseString(value);
    if (options.freq === undefined) return "FREQ is required (RFC 5545)";
    if (options.count !== undefined && options.count !== null && !Number.isInteger(Number(options.count))) {
      return `Invalid COUNT value: ${String(options.count)}`;
    }
    const rule = new RRule({ ...options, dtstart: new Date(Date.UTC(2026, 0, 1)) });
    rule.all((_, index) => index < 1);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The rrule object of a spec, with UNTIL of a bare date meaning "that whole day". */
function buildRule(spec: RecurrenceSpec, window: TimeWindow) {
  const { RRule } = rruleLibrary;
  const value = (spec.rrule ?? "").replace(/^RRULE:/i, "").trim();
  const options = RRule.parseString(value);
  const untilDateOnly = /UNTIL=\d{8}(;|$)/i.test(value);
  if (options.until && untilDateOnly) options.until = new Date(options.until.getTime() + DAY_MS - 1);
  if (options.count !== undefined && options.count !== null) options.count = Number(options.count);
  return new RRule({ ...options, dtstart: new Date(floatingMs(spec.startDate, window.start)) });
}

/**
 * The occurrences of a plan whose date lies in [from, to] (Shanghai dates, both included), in
 * date order, each date once: RRULE ∪ RDATE ∪ named periods, minus EXDATE, within startDate…endDate.
 * COUNT counts from startDate, whatever `from` is.
 */
export function expandOccurrences(
  spec: RecurrenceSpec,
  window: TimeWindow,
  from: string,
  to: string,
  calendarPeriods: readonly CalendarPeriod[] = [],
): Occurrence[] {
  const first = spec.startDate > from ? spec.startDate : from;
  const last = spec.endDate && spec.endDate < to ? spec.endDate : to;
  if (last < first) return [];
  const dates = new Set<string>();
  if (spec.rrule) {
    const rule = buildRule(spec, window);
    for (const hit of rule.between(new Date(floatingMs(first)), new Date(floatingMs(last) + DAY_MS - 1), true)) {
      dates.add(dateOfFloating(hit));
    }
  }
  for (const date of spec.rdates) dates.add(date);
  for (const ref of spec.periods) {
    for (const period of calendarPeriods.filter((candidate) => candidate.name === ref.name)) {
      if (ref.days === "first") dates.add(period.start);
      else for (const date of datesFrom(period.start, period.end)) dates.add(date);
    }
  }
  for (const date of spec.exdates) dates.delete(date);
  return [...dates]
    .filter((date) => isValidDateKey(date) && date >= first && date <= last)
    .sort()
    .map((date) => ({
      date,
      startsAt: new Date(floatingMs(date, window.start) - SHANGHAI_OFFSET_MS),
      endsAt: new Date(floatingMs(date, window.end) - SHANGHAI_OFFSET_MS),
    }));
}

/** The Shanghai date `days` after `date`. */
export function addDaysToDateKey(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
