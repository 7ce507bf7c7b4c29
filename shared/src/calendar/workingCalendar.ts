import type { CalendarYear } from "./calendarSchemas";
import type { DeadlineRule } from "./deadlinePolicy";

/**
 * The working calendar and the deadline clock. Every date and time of day is Asia/Shanghai, a
 * fixed UTC+8 without daylight saving, so plain arithmetic on epoch milliseconds is exact and no
 * time-zone library is needed.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** How far the clock looks for working time before giving up (a calendar with none would loop forever). */
const MAX_SEARCH_DAYS = 366 * 20;

/** One stretch of a working day, "HH:MM" to "HH:MM", Asia/Shanghai. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/** Office hours of Chinese government departments: 08:30–12:00 and 13:30–17:30 (7.5 h). */
export const DEFAULT_WORKING_HOURS: readonly WorkingPeriod[] = [
  { start: "08:30", end: "12:00" },
  { start: "13:30", end: "17:30" },
];

/** A calendar ready for the clock: built once by `createWorkingCalendar`, then read many times. */
export interface WorkingCalendar {
  /** Years whose holidays and make-up working days are known; other years fall back to Mon–Fri. */
  readonly years: ReadonlySet<number>;
  /** Dates off ("YYYY-MM-DD"), weekend days inside a holiday block included. */
  readonly holidays: ReadonlySet<string>;
  /** Weekend dates that are working days (调休上班). */
  readonly workdays: ReadonlySet<string>;
  /** The working periods of a working day, in minutes after midnight, sorted and disjoint. */
  readonly workingHours: readonly { readonly startMinute: number; readonly endMinute: number }[];
}

/** Builds a working calendar from years of data; throws RangeError on malformed working hours. */
export function createWorkingCalendar(
  years: readonly Pick<CalendarYear, "year" | "holidays" | "workdays">[],
  workingHours: readonly WorkingPeriod[] = DEFAULT_WORKING_HOURS,
): WorkingCalendar {
  const periods = workingHours.map((period) => ({
    startMinute: minuteOfDay(period.start),
    endMinute: minuteOfDay(period.end),
  }));
  if (periods.length === 0) throw new RangeError("working hours must have at least one period");
  periods.forEach((period, index) => {
    const previous = periods[index - 1];
    if (period.endMinute <= period.startMinute || (previous && period.startMinute < previous.endMinute)) {
      throw new RangeError("working hours must be periods that each end after they start, in order, not overlapping");
    }
  });
  return {
    years: new Set(years.map((year) => year.year)),
    holidays: new Set(years.flatMap((year) => year.holidays)),
    workdays: new Set(years.flatMap((year) => year.workdays)),
    workingHours: periods,
  };
}

/** "HH:MM" (00:00–24:00) as minutes after midnight. */
function minuteOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || !(minutes <= 24 * 60)) {
    throw new RangeError(`working hours: ${time} is not a time written HH:MM`);
  }
  return minutes;
}

/** Whether `key` is a real calendar date written "YYYY-MM-DD". */
export function isValidDateKey(key: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return false;
  return dateKeyOfDay(dayOfDateKey(key)) === key;
}

/** Day of the week of a "YYYY-MM-DD" date: 0 Sunday … 6 Saturday. */
export function weekdayOfDateKey(key: string): number {
  return weekdayOfDay(dayOfDateKey(key));
}

/** The Asia/Shanghai calendar date of an instant, "YYYY-MM-DD". */
export function shanghaiDateKey(instant: Date): string {
  return dateKeyOfDay(shanghaiDay(instant.getTime()));
}

/** Every date from `start` to `end`, both included ("YYYY-MM-DD"). */
export function datesFrom(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let day = dayOfDateKey(start); day <= dayOfDateKey(end); day += 1) dates.push(dateKeyOfDay(day));
  return dates;
}

/** Whether the calendar knows the holidays of the year of this instant (Asia/Shanghai). */
export function calendarCovers(instant: Date, calendar: WorkingCalendar): boolean {
  return calendar.years.has(Number(shanghaiDateKey(instant).slice(0, 4)));
}

/**
 * Whether the Asia/Shanghai date of `date` is a working day: Monday to Friday unless a holiday,
 * Saturday or Sunday only when a make-up working day. A year the calendar does not cover is
 * plain Monday to Friday.
 */
export function isWorkingDay(date: Date, calendar: WorkingCalendar): boolean {
  return isWorkingDayNumber(shanghaiDay(date.getTime()), calendar);
}

/**
 * The instant when `durationMinutes` of working time have passed since `start`, counting only
 * minutes inside the working hours of working days. A start outside working hours begins at the
 * next working period; a duration that ends exactly at the close of a period is due at that close
 * (12:00, not 13:30). A duration of 0 is due at `start` itself.
 */
export function addWorkingTime(start: Date, durationMinutes: number, calendar: WorkingCalendar): Date {
  if (!Number.isFinite(durationMinutes) || durationMinutes < 0) {
    throw new RangeError(`duration must be a non-negative number of minutes, not ${durationMinutes}`);
  }
  let remaining = durationMinutes * MINUTE_MS;
  if (remaining === 0) return new Date(start.getTime());
  let day = shanghaiDay(start.getTime());
  // Milliseconds since local midnight; only the first day starts part-way through.
  let sinceMidnight = start.getTime() + SHANGHAI_OFFSET_MS - day * DAY_MS;
  for (let searched = 0; searched < MAX_SEARCH_DAYS; searched += 1, day += 1, sinceMidnight = 0) {
    if (!isWorkingDayNumber(day, calendar)) continue;
    for (const period of calendar.workingHours) {
      const from = Math.max(period.startMinute * MINUTE_MS, sinceMidnight);
      const to = period.endMinute * MINUTE_MS;
      if (from >= to) continue;
      if (remaining <= to - from) return instantOf(day, from + remaining);
      remaining -= to - from;
    }
  }
  throw new RangeError(`no end of ${durationMinutes} working minutes within ${MAX_SEARCH_DAYS} days`);
}

/**
 * The deadline of "within `days` working days" (n 个工作日内), read as Chinese law counts a
 * period (民法典 art. 201, 203): the day of the start is not counted, whatever its hour; counting
 * begins with the next working day; the period ends when business stops on the n-th working day,
 * i.e. at the close of its last working period (17:30 by default). So a report made on Friday
 * morning, Friday night or Saturday with 1 working day is due on Monday at 17:30 (or on the first
 * working day after a holiday block). `days` is a whole number; 0 is due at `start` itself.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, not ${days}`);
  if (days === 0) return new Date(start.getTime());
  let day = shanghaiDay(start.getTime());
  for (let counted = 0, searched = 0; counted < days; searched += 1) {
    if (searched >= MAX_SEARCH_DAYS) throw new RangeError(`no ${days} working days within ${MAX_SEARCH_DAYS} days`);
    day += 1;
    if (isWorkingDayNumber(day, calendar)) counted += 1;
  }
  const close = calendar.workingHours[calendar.workingHours.length - 1]?.endMinute ?? 24 * 60;
  return instantOf(day, close * MINUTE_MS);
}

const UNIT_MINUTES: Record<DeadlineRule["unit"], number> = { minutes: 1, hours: 60, days: 24 * 60 };

/**
 * When a stage that starts at `start` is due under `rule`. Natural time is plain elapsed time
 * (n days = n × 24 h, the same clock time n days later: Asia/Shanghai has no daylight saving).
 * Working minutes and hours count working time (`addWorkingTime`); working days follow
 * `addWorkingDays`.
 */
export function deadlineFrom(start: Date, rule: DeadlineRule, calendar: WorkingCalendar): Date {
  if (rule.basis === "natural") return new Date(start.getTime() + rule.amount * UNIT_MINUTES[rule.unit] * MINUTE_MS);
  if (rule.unit === "days") return addWorkingDays(start, rule.amount, calendar);
  return addWorkingTime(start, rule.amount * UNIT_MINUTES[rule.unit], calendar);
}

/** Days since 1970-01-01 of the Asia/Shanghai date of an instant. */
function shanghaiDay(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS);
}

function instantOf(day: number, sinceMidnightMs: number): Date {
  return new Date(day * DAY_MS + sinceMidnightMs - SHANGHAI_OFFSET_MS);
}

function dayOfDateKey(key: string): number {
  return Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10))) / DAY_MS;
}

function dateKeyOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}

function isWorkingDayNumber(day: number, calendar: WorkingCalendar): boolean {
  const key = dateKeyOfDay(day);
  if (calendar.holidays.has(key)) return false;
  if (calendar.workdays.has(key)) return true;
  const weekday = weekdayOfDay(day);
  return weekday >= 1 && weekday <= 5;
}
