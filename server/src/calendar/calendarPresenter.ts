import type { CalendarPeriod, CalendarYear, DeadlinePolicy } from "@gridrisk/shared";
import { type CalendarYearDoc, calendarYearInputOf } from "../models/calendarYear";
import type { DeadlinePolicySettingDoc } from "../models/deadlinePolicySetting";

/** A calendar year as the API shows it. */
export interface CalendarYearView {
  year: number;
  /** Saved by the admin, or the data shipped with the product. */
  source: "stored" | "shipped";
  provisional: boolean;
  notice?: string;
  holidays: string[];
  workdays: string[];
  periods: CalendarPeriod[];
  updatedAt?: string;
}

/** Every field of a stored calendar year that may leave the server. */
export function presentStoredCalendarYear(doc: CalendarYearDoc): CalendarYearView {
  return {
    year: Number(doc._id),
    source: "stored",
    ...calendarYearInputOf(doc),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** A shipped calendar year, in the same shape. */
export function presentShippedCalendarYear(shipped: CalendarYear): CalendarYearView {
  return {
    year: shipped.year,
    source: "shipped",
    provisional: shipped.provisional,
    ...(shipped.notice ? { notice: shipped.notice } : {}),
    holidays: [...shipped.holidays],
    workdays: [...shipped.workdays],
    periods: shipped.periods.map((period) => ({ ...period })),
  };
}

/** The deadline policy as the API shows it. */
export interface DeadlinePolicyView {
  policy: DeadlinePolicy;
  /** Saved by the admin, or the product's default. */
  source: "stored" | "default";
  updatedAt?: string;
}

/** The policy that applies: the stored one (already validated by the caller), or the default. */
export function presentDeadlinePolicy(
  policy: DeadlinePolicy,
  setting: Pick<DeadlinePolicySettingDoc, "updatedAt"> | null,
): DeadlinePolicyView {
  return setting
    ? { policy, source: "stored", updatedAt: setting.updatedAt.toISOString() }
    : { policy, source: "default" };
}
