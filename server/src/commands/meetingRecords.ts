import type { MeetingInput } from "@gridrisk/shared";
import { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import { validationFailed } from "../errors";
import { DepartmentModel } from "../models/department";
import { EventModel } from "../models/event";
import { type MeetingDoc, MeetingModel } from "../models/meeting";
import type { Actor } from "../policies/actor";
import { regionPathIds } from "../policies/regionVisibility";
import { authorize, isWithinTerritory } from "../policies/territoryPolicy";
import { territory } from "../territory/territoryCache";

const ids = (values: readonly string[]) => values.map((id) => new Types.ObjectId(id));

/**
 * Records a joint meeting of a district (or the city) in the actor's territory; its departments
 * must exist and the events its decisions name must lie in the actor's territory.
 */
export async function recordMeeting(actor: Actor, input: MeetingInput): Promise<MeetingDoc> {
  authorize(actor, "create", "meeting");
  const regionPath = regionPathIds(input.regionId);
  const region = territory().get(input.regionId);
  if (!region || !["district", "city"].includes(region.level)) {
    throw validationFailed([{ path: "body.regionId", message: "must be a district or the city" }]);
  }
  authorize(actor, "create", "meeting", { regionPath, label: `Region ${input.regionId}` });
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
  const created = await MeetingModel.create({
    ...input,
    regionId: new Types.ObjectId(input.regionId),
    regionPath: ids(regionPath),
    departmentIds: ids(input.departmentIds),
    decisions: input.decisions.map((decision) => ({ text: decision.text, eventIds: ids(decision.eventIds) })),
    recordedBy: actor.id,
  });
  return created.toObject() as unknown as MeetingDoc;
}
