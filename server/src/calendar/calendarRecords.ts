import type { CalendarYearInput, DeadlinePolicy } from "@gridrisk/shared";
import { type CalendarYearDoc, CalendarYearModel } from "../models/calendarYear";
import {
  DEADLINE_POLICY_ID,
  type DeadlinePolicySettingDoc,
  DeadlinePolicySettingModel,
} from "../models/deadlinePolicySetting";
import { reloadCalendar } from "./calendarStore";

/** The year as the admin stored it, if they did. */
export async function findStoredCalendarYear(year: number): Promise<CalendarYearDoc | null> {
  return (await CalendarYearModel.findById(String(year)).lean()) as CalendarYearDoc | null;
}

/**
 * Stores a whole year (replacing what was stored or shipped for it), dates sorted, then reloads
 * the in-memory calendar so that the next deadline already counts with it.
 */
export async function saveCalendarYear(
  year: number,
  input: CalendarYearInput,
  actorId: string,
): Promise<CalendarYearDoc> {
  const { notice, ...fields } = input;
  const saved = await CalendarYearModel.findOneAndUpdate(
    { _id: String(year) },
    {
      $set: {
        ...fields,
        holidays: [...input.holidays].sort(),
        workdays: [...input.workdays].sort(),
        periods: [...input.periods].sort((a, b) => a.start.localeCompare(b.start)),
        updatedBy: actorId,
        ...(notice ? { notice } : {}),
      },
      ...(notice ? {} : { $unset: { notice: 1 } }),
    },
    { upsert: true, returnDocument: "after" },
  ).lean();
  await reloadCalendar();
  return saved as CalendarYearDoc;
}

/** The deadline policy as the admin stored it, if they did. */
export async function findStoredDeadlinePolicy(): Promise<DeadlinePolicySettingDoc | null> {
  return (await DeadlinePolicySettingModel.findById(DEADLINE_POLICY_ID).lean()) as DeadlinePolicySettingDoc | null;
}

/** Stores the whole deadline policy, then reloads it in memory. */
export async function saveDeadlinePolicy(policy: DeadlinePolicy, actorId: string): Promise<DeadlinePolicySettingDoc> {
  const saved = await DeadlinePolicySettingModel.findOneAndUpdate(
    { _id: DEADLINE_POLICY_ID },
    { $set: { ...policy, updatedBy: actorId } },
    { upsert: true, returnDocument: "after" },
  ).lean();
  await reloadCalendar();
  return saved as DeadlinePolicySettingDoc;
}
