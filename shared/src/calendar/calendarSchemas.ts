import { z } from "zod";
import { isValidDateKey, weekdayOfDateKey } from "./workingCalendar";

/** Sizes of a calendar year as the admin edits it. */
export const CALENDAR_LIMITS = {
  minYear: 2000,
  maxYear: 2100,
  maxDatesPerList: 366,
  maxPeriods: 40,
  maxPeriodNameLength: 50,
  maxNoticeLength: 500,
} as const;

/** What a named period is: a public holiday block, or a school vacation (joint inspections run in both). */
export const CALENDAR_PERIOD_KINDS = ["public_holiday", "school_vacation"] as const;
export type CalendarPeriodKind = (typeof CALENDAR_PERIOD_KINDS)[number];

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A Shanghai calendar date "YYYY-MM-DD", as every schema takes one. */
export const dateKeySchema = z
  .string({ error: "must be a string" })
  .refine(isValidDateKey, "must be a date written YYYY-MM-DD, e.g. 2026-10-01");

const requiredText = (max: number) =>
  z.string({ error: "must be a string" }).trim().min(1, "is required").max(max, `must be at most ${max} characters`);

/** A named stretch of the year: 春节, 国庆节, 寒假… */
export const calendarPeriodSchema = z
  .object({
    /** Chinese name, e.g. 春节. */
    name: requiredText(CALENDAR_LIMITS.maxPeriodNameLength),
    /** English name, e.g. Spring Festival. */
    nameEn: requiredText(CALENDAR_LIMITS.maxPeriodNameLength),
    kind: z.enum(CALENDAR_PERIOD_KINDS, { error: `must be one of ${CALENDAR_PERIOD_KINDS.join(", ")}` }),
    /** First day, "YYYY-MM-DD". */
    start: dateKeySchema,
    /** Last day, included. */
    end: dateKeySchema,
    /** The dates are an estimate (school vacations differ by city and school), not an official notice. */
    approximate: z.boolean({ error: "must be true or false" }).optional(),
  })
  .strict();
export type CalendarPeriod = z.infer<typeof calendarPeriodSchema>;

const listError = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? "is required" : `must be a list of ${what}`;

const dateListSchema = z
  .array(dateKeySchema, { error: listError("dates") })
  .max(CALENDAR_LIMITS.maxDatesPerList, `must list at most ${CALENDAR_LIMITS.maxDatesPerList} dates`);

const calendarYearShape = z
  .object({
    /** Not yet from the official notice: built from the rules, to be replaced when the notice is out. */
    provisional: z.boolean({ error: "must be true or false" }).default(false),
    /** Where the dates come from, e.g. the State Council notice and its address. */
    notice: z
      .string({ error: "must be a string" })
      .trim()
      .max(CALENDAR_LIMITS.maxNoticeLength, `must be at most ${CALENDAR_LIMITS.maxNoticeLength} characters`)
      .optional(),
    /** Dates off, including the weekend days inside a holiday block. */
    holidays: dateListSchema,
    /** Saturdays and Sundays that are working days (调休上班). */
    workdays: dateListSchema,
    periods: z
      .array(calendarPeriodSchema, { error: listError("periods") })
      .max(CALENDAR_LIMITS.maxPeriods, `must list at most ${CALENDAR_LIMITS.maxPeriods} periods`),
  })
  .strict();
export type CalendarYearInput = z.infer<typeof calendarYearShape>;

/** One year of the working calendar. */
export type CalendarYear = CalendarYearInput & { year: number };

/**
 * PUT /api/calendar/:year: the year's holidays, make-up working days and periods. Rejects a date
 * outside `year`, a date listed twice, a date that is both a holiday and a working day, a
 * make-up working day that is not a weekend day, and a period that ends before it starts.
 */
export function calendarYearInputSchema(year: number) {
  return calendarYearShape.superRefine((value, ctx) => {
    const inYear = (date: string) => date.startsWith(`${year}-`);
    const holidays = new Set<string>();
    for (const [list, dates] of [
      ["holidays", value.holidays],
      ["workdays", value.workdays],
    ] as const) {
      const seen = new Set<string>();
      dates.forEach((date, index) => {
        if (!isValidDateKey(date)) return; // already reported by the date's own schema
        const issue = (message: string) => ctx.addIssue({ code: "custom", path: [list, index], message });
        if (!inYear(date)) issue(`${date} is not in ${year}`);
        else if (seen.has(date)) issue(`${date} is listed twice`);
        else if (list === "workdays" && holidays.has(date)) issue(`${date} is also a holiday`);
        else if (list === "workdays" && weekdayOfDateKey(date) % 6 !== 0) {
          issue(`${date} is a ${WEEKDAY_NAMES[weekdayOfDateKey(date)]}: a make-up working day is a Saturday or Sunday`);
        }
        seen.add(date);
        if (list === "holidays") holidays.add(date);
      });
    }
    value.periods.forEach((period, index) => {
      if (!isValidDateKey(period.start) || !isValidDateKey(period.end)) return;
      for (const field of ["start", "end"] as const) {
        if (!inYear(period[field])) {
          ctx.addIssue({
            code: "custom",
            path: ["periods", index, field],
            message: `${period[field]} is not in ${year}`,
          });
        }
      }
      if (period.end < period.start) {
        ctx.addIssue({ code: "custom", path: ["periods", index, "end"], message: "must not be before start" });
      }
    });
  });
}

/** Route parameter :year. */
export const calendarYearParamsSchema = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}$/, "must be a year written with four digits, e.g. 2026")
      .transform(Number)
      .pipe(
        z
          .number()
          .min(CALENDAR_LIMITS.minYear, `must be ${CALENDAR_LIMITS.minYear} or later`)
          .max(CALENDAR_LIMITS.maxYear, `must be ${CALENDAR_LIMITS.maxYear} or earlier`),
      ),
  })
  .strict();
