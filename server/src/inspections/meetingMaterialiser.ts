import { createHash } from "node:crypto";
import { addDaysToDateKey, INSPECTION_LIMITS, shanghaiDateKey } from "@gridrisk/shared";
import { Types } from "mongoose";
import { currentCalendarPeriods } from "../calendar/calendarStore";
import { insertValidated } from "../database/bulkInsert";
import { trusted } from "../database/trustedFilter";
import type { InspectionPlanDoc } from "../models/inspectionPlan";
import { type MeetingDoc, MeetingModel } from "../models/meeting";
import { expandPlan } from "./planOccurrences";

/**
 * The `_id` of the meeting a plan makes on a date: derived from both, so that two runs (or two
 * instances) insert it once; a unique `_id` insert is the one claim FerretDB v1 enforces.
 */
export function plannedMeetingId(planId: string, date: string): Types.ObjectId {
  return new Types.ObjectId(createHash("sha256").update(`meeting:${planId}:${date}`).digest("hex").slice(0, 24));
}

/**
 * Makes a meeting plan's records for the next 30 days, one per occurrence, `planned` until
 * someone records the meeting. Planned future records the plan no longer produces are removed,
 * those made from an older plan version are made again; held meetings are never touched.
 */
export async function materialiseMeetings(plan: InspectionPlanDoc, now = new Date()) {
  const planId = plan._id.toHexString();
  const today = shanghaiDateKey(now);
  const live = plan.active && !plan.deletedAt;
  const occurrences = live
    ? expandPlan(plan, today, addDaysToDateKey(today, INSPECTION_LIMITS.materialiseDays), currentCalendarPeriods())
    : [];
  const wanted = new Map(
    occurrences.map((occurrence) => {
      const _id = plannedMeetingId(planId, occurrence.date);
      return [
        _id.toHexString(),
        {
          _id,
          regionId: plan.regionId,
          regionPath: plan.regionPath,
          date: occurrence.date,
          departmentIds: plan.departmentIds,
          status: "planned",
          planId: plan._id,
          planVersion: plan.version ?? 1,
        },
      ];
    }),
  );
  // Meetings are few (a handful per district and quarter): reading a plan's by a scan is cheap.
  const existing = (await MeetingModel.find({ planId: plan._id }).lean()) as unknown as MeetingDoc[];
  const replaced = existing
    .filter((meeting) => meeting.status === "planned" && meeting.date >= today)
    .filter((meeting) => meeting.planVersion !== (wanted.get(meeting._id.toHexString())?.planVersion ?? -1))
    .map((meeting) => meeting._id);
  if (replaced.length > 0) await MeetingModel.deleteMany({ _id: trusted({ $in: replaced }) });
  const gone = new Set(replaced.map(String));
  const known = new Set(existing.map((meeting) => meeting._id.toHexString()).filter((id) => !gone.has(id)));
  const fresh = [...wanted.entries()].filter(([id]) => !known.has(id)).map(([, doc]) => doc);
  // Another run may make some of them first: exactly what the derived _id is for (skipped).
  const inserted = fresh.length > 0 ? await insertValidated(MeetingModel, fresh, { ordered: false }) : 0;
  const refreshed = replaced.filter((id) => wanted.has(id.toHexString())).length;
  return {
    inserted: Math.max(inserted - refreshed, 0),
    removed: replaced.length - refreshed,
    refreshed,
    wanted: wanted.size,
  };
}
