import {
  type CalendarPeriod,
  type CalendarYear,
  calendarYearInputSchema,
  createWorkingCalendar,
  DEFAULT_DEADLINE_POLICY,
  type DeadlinePolicy,
  SHIPPED_CALENDAR_YEARS,
  type WorkingCalendar,
} from "@gridrisk/shared";

import { pollForChanges } from "../jobs/changePolling";
import { createLogger } from "../logging/logger";
import { type CalendarYearDoc, CalendarYearModel, calendarYearInputOf } from "../models/calendarYear";
import {
  DEADLINE_POLICY_ID,
  type DeadlinePolicySettingDoc,
  DeadlinePolicySettingModel,
  deadlinePolicyOf,
} from "../models/deadlinePolicySetting";

/**
 * The working calendar and the deadline policy in memory, so that the event lifecycle reads them
 * synchronously. Until the first load (and for every year nobody stored) the shipped data apply.
 * Stored years replace shipped ones year by year; a stored document that no longer passes the
 * shared schema is ignored with a warning rather than stopping every clock.
 */

const log = createLogger("calendar");

let calendar: WorkingCalendar = createWorkingCalendar(SHIPPED_CALENDAR_YEARS);
let policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY;
let periods: CalendarPeriod[] = SHIPPED_CALENDAR_YEARS.flatMap((year) => year.periods);
/** What was loaded: stored ids and their update times, to tell whether anything changed since. */
let loadedStamp = "";
// Loads run one after another, so a reload asked for after a save always reads that save.
let queue: Promise<void> = Promise.resolve();

/** The working calendar as last loaded. */
export function currentCalendar(): WorkingCalendar {
  return calendar;
}

/** The named periods (holidays, school vacations) of every known year, as last loaded. */
export function currentCalendarPeriods(): readonly CalendarPeriod[] {
  return periods;
}

/** The deadline policy as last loaded. */
export function currentDeadlinePolicy(): DeadlinePolicy {
  return policy;
}

/**
 * Loads the stored calendar years and deadline policy over the shipped ones and swaps them in.
 * Call it at start once the database is connected, and after a change.
 */
export function reloadCalendar(): Promise<void> {
  queue = queue.then(loadCalendar, loadCalendar);
  return queue;
}

/** Reloads when another instance (or this one) changed the calendar or policy since the last load. */
export async function reloadCalendarIfChanged(): Promise<boolean> {
  const [years, setting] = await Promise.all([
    CalendarYearModel.find({}, { updatedAt: 1 }).lean(),
    DeadlinePolicySettingModel.findById(DEADLINE_POLICY_ID, { updatedAt: 1 }).lean(),
  ]);
  if (stampOf(years as CalendarYearDoc[], setting as DeadlinePolicySettingDoc | null) === loadedStamp) return false;
  await reloadCalendar();
  return true;
}

/**
 * Polls for changes so that every instance picks up an edit made on another one (FerretDB has no
 * change streams). Returns a function that stops the polling.
 */
export function watchCalendar(intervalMs: number): () => void {
  return pollForChanges("calendar", reloadCalendarIfChanged, intervalMs, log);
}

async function loadCalendar(): Promise<void> {
  const [storedYears, setting] = (await Promise.all([
    CalendarYearModel.find({}).lean(),
    DeadlinePolicySettingModel.findById(DEADLINE_POLICY_ID).lean(),
  ])) as [CalendarYearDoc[], DeadlinePolicySettingDoc | null];

  const years = new Map<number, CalendarYear>(SHIPPED_CALENDAR_YEARS.map((shipped) => [shipped.year, shipped]));
  for (const doc of storedYears) {
    const year = Number(doc._id);
    const parsed = calendarYearInputSchema(year).safeParse(calendarYearInputOf(doc));
    if (parsed.success) years.set(year, { ...parsed.data, year });
    else log.warn("stored calendar year ignored: invalid", { year: doc._id, issues: parsed.error.issues.length });
  }
  const storedPolicy = setting ? deadlinePolicyOf(setting) : undefined;
  if (setting && !storedPolicy) log.warn("stored deadline policy ignored: invalid");

  calendar = createWorkingCalendar([...years.values()]);
  periods = [...years.values()].flatMap((year) => year.periods);
  policy = storedPolicy ?? DEFAULT_DEADLINE_POLICY;
  loadedStamp = stampOf(storedYears, setting);
  log.info("calendar loaded", {
    years: [...years.keys()].sort(),
    storedYears: storedYears.length,
    policy: storedPolicy ? "stored" : "default",
  });
}

function stampOf(years: readonly CalendarYearDoc[], setting: DeadlinePolicySettingDoc | null): string {
  const parts = years.map((doc) => `${doc._id}@${doc.updatedAt?.getTime()}`).sort();
  if (setting) parts.push(`policy@${setting.updatedAt?.getTime()}`);
  return parts.join(",");
}
