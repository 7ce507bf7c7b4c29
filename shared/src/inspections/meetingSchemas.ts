import { z } from "zod";
import { dateKeySchema as dateKey } from "../calendar/calendarSchemas";
import { INSPECTION_LIMITS as L } from "./inspectionLimits";

const objectId = z.string({ error: "must be a string" }).regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");

/** PUT /api/meetings/:id: the record of a meeting a plan made (date, attendees, minutes, decisions). */
export const meetingRecordSchema = z
  .object({
    date: dateKey,
    departmentIds: z
      .array(objectId, { error: "must be a list of department ids" })
      .min(1, "must list at least one department")
      .max(L.maxDepartments, `must list at most ${L.maxDepartments} departments`),
    minutes: z
      .string({ error: "must be a string" })
      .trim()
      .min(1, "is required")
      .max(L.maxMinutesLength, `must be at most ${L.maxMinutesLength} characters`),
    decisions: z
      .array(
        z
          .object({
            text: z.string({ error: "must be a string" }).trim().min(1, "is required").max(L.maxNoteLength),
            eventIds: z
              .array(objectId, { error: "must be a list of event ids" })
              .max(L.maxEventsPerDecision)
              .default([]),
          })
          .strict(),
        { error: "must be a list of decisions" },
      )
      .max(L.maxDecisions, `must list at most ${L.maxDecisions} decisions`)
      .default([]),
  })
  .strict();
export type MeetingRecordInput = z.infer<typeof meetingRecordSchema>;

/** POST /api/meetings: a joint meeting (联席会议) of a district's departments, recorded without a plan. */
export const meetingInputSchema = meetingRecordSchema.extend({
  /** The district (or city) that held it. */
  regionId: objectId,
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

/** GET /api/meetings/quarters?year= */
export const meetingQuarterQuerySchema = z
  .object({ year: z.coerce.number({ error: "must be a year" }).int().min(2000).max(2100) })
  .strict();

/** Whether a quarter met the at-least-once-a-quarter rule; `pending` while it is not over and has none yet. */
export type QuarterVerdict = "met" | "missed" | "pending" | "future";

/** One district's year. */
export interface DistrictQuarters {
  regionId: string;
  quarters: { quarter: 1 | 2 | 3 | 4; meetings: number; verdict: QuarterVerdict }[];
}

/**
 * The quarterly joint-meeting rule per district: each quarter of `year` needs at least one
 * meeting. `today` ("YYYY-MM-DD", Shanghai) decides which quarters are over.
 */
export function quarterlyMeetingRule(
  regionIds: readonly string[],
  meetings: readonly { regionId: string; date: string }[],
  year: number,
  today: string,
): DistrictQuarters[] {
  return regionIds.map((regionId) => ({
    regionId,
    quarters: ([1, 2, 3, 4] as const).map((quarter) => {
      const first = `${year}-${String(quarter * 3 - 2).padStart(2, "0")}-01`;
      const last = `${year}-${String(quarter * 3).padStart(2, "0")}-31`;
      const count = meetings.filter((m) => m.regionId === regionId && m.date >= first && m.date <= last).length;
      const verdict: QuarterVerdict =
        count > 0 ? "met" : today > last ? "missed" : today >= first ? "pending" : "future";
      return { quarter, meetings: count, verdict };
    }),
  }));
}
