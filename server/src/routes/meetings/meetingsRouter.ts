import {
  idParamsSchema,
  meetingInputSchema,
  meetingQuarterQuerySchema,
  meetingRecordSchema,
  quarterlyMeetingRule,
  shanghaiDateKey,
} from "@gridrisk/shared";
import { Router } from "express";
import { Types } from "mongoose";
import { recordMeeting, recordPlannedMeeting } from "../../commands/meetingRecords";
import { trusted } from "../../database/trustedFilter";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { type MeetingDoc, MeetingModel } from "../../models/meeting";
import { scopeRegionsOf } from "../../policies/regionVisibility";
import { authorize } from "../../policies/territoryPolicy";
import { territory } from "../../territory/territoryCache";

const ids = (values: readonly string[]) => values.map((id) => new Types.ObjectId(id));

/** Every field of a meeting that leaves the server. */
function presentMeeting(doc: MeetingDoc) {
  return {
    id: doc._id.toHexString(),
    regionId: String(doc.regionId),
    date: doc.date,
    /** planned: made by a meeting plan, to be recorded; held: recorded. */
    status: doc.status ?? "held",
    planId: doc.planId ? String(doc.planId) : null,
    departmentIds: doc.departmentIds.map(String),
    minutes: doc.minutes,
    decisions: doc.decisions.map((decision) => ({ text: decision.text, eventIds: decision.eventIds.map(String) })),
    recordedBy: doc.recordedBy ? String(doc.recordedBy) : null,
    createdAt: doc.createdAt?.toISOString(),
  };
}

/** The districts an actor oversees: those in their scope, or under their city. */
function districtsOf(actorScope: ReturnType<typeof scopeRegionsOf>) {
  const districts = new Map<string, { id: string; name: string }>();
  for (const region of territory().all()) {
    if (region.level !== "district") continue;
    const inScope = actorScope.some((own) => own.id === region.id || region.ancestors.includes(own.id));
    if (inScope) districts.set(region.id, { id: region.id, name: region.name });
  }
  return [...districts.values()];
}

/** /api/meetings: joint meetings (联席会议) and the at-least-once-a-quarter rule per district. */
export function meetingsRouter(): Router {
  const router = Router();

  router.get("/", async (_req, res) => {
    const actor = actorOf(res);
    authorize(actor, "read", "meeting");
    const docs = (await MeetingModel.find({ regionPath: trusted({ $in: ids(actor.scope) }) })
      .sort({ date: -1 })
      .lean()) as unknown as MeetingDoc[];
    res.json({ items: docs.map(presentMeeting) });
  });

  /** Per district in the actor's territory and per quarter of `year`: was the rule met? */
  router.get("/quarters", async (req, res) => {
    const { year } = validate(meetingQuarterQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "meeting");
    const districts = districtsOf(scopeRegionsOf(actor));
    const meetings = (await MeetingModel.find({
      regionId: trusted({ $in: ids(districts.map((d) => d.id)) }),
      date: trusted({ $gte: `${year}-01-01`, $lte: `${year}-12-31` }),
    })
      .select({ regionId: 1, date: 1, status: 1 })
      .lean()) as Pick<MeetingDoc, "regionId" | "date" | "status">[];
    const rule = quarterlyMeetingRule(
      districts.map((d) => d.id),
      // A meeting a plan made counts once it was held and recorded.
      meetings.filter((m) => m.status !== "planned").map((m) => ({ regionId: String(m.regionId), date: m.date })),
      year,
      shanghaiDateKey(new Date()),
    );
    res.json({
      year,
      items: rule.map((row) => ({ ...row, name: districts.find((d) => d.id === row.regionId)?.name ?? "" })),
    });
  });

  router.post("/", async (req, res) => {
    const input = validate(meetingInputSchema, req.body, "body");
    const created = await recordMeeting(actorOf(res), input);
    res.status(201).json({ meeting: presentMeeting(created) });
  });

  /** Records a meeting a plan made (planned → held). */
  router.put("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const input = validate(meetingRecordSchema, req.body, "body");
    res.json({ meeting: presentMeeting(await recordPlannedMeeting(actorOf(res), id, input)) });
  });
  return router;
}
