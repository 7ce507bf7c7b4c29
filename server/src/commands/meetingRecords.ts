import type { MeetingInput, MeetingRecordInput } from "@gridrisk/shared";
import { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import { notFound, unprocessable, validationFailed } from "../errors";
import { DepartmentModel } from "../models/department";
import { EventModel } from "../models/event";
import { type MeetingDoc, MeetingModel } from "../models/meeting";
import { claimOnce } from "../models/onceClaim";
import type { Actor } from "../policies/actor";
import { regionPathIds } from "../policies/regionVisibility";
import { authorize, isWithinTerritory } from "../policies/territoryPolicy";
import { territory } from "../territory/territoryCache";

const ids = (values: readonly string[]) => values.map((id) => new Types.ObjectId(id));

/** Checks what a record names: known departments, and events in the actor's territory. */
async function checkRecord(actor: Actor, input: MeetingRecordInput): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const departments = await DepartmentModel.find({ _id: trusted({ $in: ids(input.departmentIds) }) }).lean();
  input.departmentIds.forEach((id, index) => {
    if (!departments.some((d) => String(d._id) === id))
      issues.push({ path: `body.departmentIds.${index}`, message: "is not a known department" });
  });
  const eventIds = [...new Set(input.decisions.flatMap((decision) => decision.eventIds))];
  const events = eventIds.length
    ? await EventModel.find({ _id: trusted({ $in: ids(eventIds) }) })
        .select({ regionPath: 1 })
        .lean()
    : [];
  input.decisions.forEach((decision, index) => {
    decision.eventIds.forEach((id, at) => {
      const event = events.find((e) => String(e._id) === id);
      if (!event || !isWithinTerritory(actor, event.regionPath.map(String))) {
        issues.push({ path: `body.decisions.${index}.eventIds.${at}`, message: "is not an event in your territory" });
      }
    });
  });
  if (issues.length > 0) throw validationFailed(issues);
}

/** The stored fields of a record. */
const recordFields = (actor: Actor, input: MeetingRecordInput, now: Date) => ({
  date: input.date,
  departmentIds: ids(input.departmentIds),
  minutes: input.minutes,
  decisions: input.decisions.map((decision) => ({ text: decision.text, eventIds: ids(decision.eventIds) })),
  status: "held" as const,
  recordedBy: new Types.ObjectId(actor.id),
  recordedAt: now,
});

/**
 * Records a joint meeting of a district (or the city) in the actor's territory; its departments
 * must exist and the events its decisions name must lie in the actor's territory.
 */
export async function recordMeeting(actor: Actor, input: MeetingInput, now = new Date()): Promise<MeetingDoc> {
  authorize(actor, "create", "meeting");
  const regionPath = regionPathIds(input.regionId);
  const region = territory().get(input.regionId);
  if (!region || !["district", "city"].includes(region.level)) {
    throw validationFailed([{ path: "body.regionId", message: "must be a district or the city" }]);
  }
  authorize(actor, "create", "meeting", { regionPath, label: `Region ${input.regionId}` });
  await checkRecord(actor, input);
  const created = await MeetingModel.create({
    ...recordFields(actor, input, now),
    regionId: new Types.ObjectId(input.regionId),
    regionPath: ids(regionPath),
  });
  return created.toObject() as unknown as MeetingDoc;
}

/**
 * Records a meeting a plan made (planned → held), once: a recorded meeting is the record and no
 * longer changes. The claim on its `_id` decides between two people recording at the same time.
 */
export async function recordPlannedMeeting(
  actor: Actor,
  id: string,
  input: MeetingRecordInput,
  now = new Date(),
): Promise<MeetingDoc> {
  authorize(actor, "update", "meeting");
  const meeting = (await MeetingModel.findById(id).lean()) as unknown as MeetingDoc | null;
  if (!meeting) throw notFound(`Meeting ${id}`);
  authorize(actor, "update", "meeting", { regionPath: meeting.regionPath.map(String), label: `Meeting ${id}` });
  await checkRecord(actor, input);
  if (meeting.status !== "planned" || !(await claimOnce(`meeting:${id}:record`, "meeting_record", now))) {
    throw unprocessable("This meeting has been recorded already; its record no longer changes.");
  }
  const updated = await MeetingModel.findOneAndUpdate(
    { _id: meeting._id },
    { $set: recordFields(actor, input, now) },
    { returnDocument: "after" },
  ).lean();
  return updated as unknown as MeetingDoc;
}
