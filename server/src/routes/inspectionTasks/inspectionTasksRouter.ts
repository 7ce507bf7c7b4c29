import {
  checkInSchema,
  completeInspectionSchema,
  findingEventSchema,
  inspectionRecordSchema,
  inspectionTaskParamsSchema,
  inspectionTaskQuerySchema,
} from "@gridrisk/shared";
import { Router } from "express";
import { Types } from "mongoose";
import { z } from "zod";
import {
  checkIn,
  completeInspection,
  linkFindingEvent,
  loadTask,
  recordInspection,
} from "../../commands/inspectionTasks";
import { trusted } from "../../database/trustedFilter";
import { canSeeTask } from "../../inspections/taskVisibility";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { type InspectionTaskDoc, InspectionTaskModel } from "../../models/inspectionTask";
import { authorize } from "../../policies/territoryPolicy";
import { presentInspectionTask } from "../../presenters/inspectionTaskPresenter";

/** A task and one of its findings, as in `/:id/findings/:findingId/event`. */
export const findingParamsSchema = inspectionTaskParamsSchema.extend({
  findingId: z.string().regex(/^f\d{1,3}$/, "is not a finding id"),
});
const MAX_LISTED = 500;

/** /api/inspection-tasks: inspection visits, made ahead by the scheduler from the plans. */
export function inspectionTasksRouter(options: { checkInRadiusM: number }): Router {
  const router = Router();

  /** Tasks the actor may see, soonest first; `mine=true`: only those assigned to the actor. */
  router.get("/", async (req, res) => {
    const query = validate(inspectionTaskQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "inspection_task");
    const filter: Record<string, unknown> = {};
    if (query.mine === "true") {
      if (actor.role === "department_handler") filter["assignee.departmentId"] = new Types.ObjectId(actor.departmentId);
      else filter["assignee.userId"] = new Types.ObjectId(actor.id);
    } else if (actor.role === "department_handler") {
      filter["assignee.departmentId"] = new Types.ObjectId(actor.departmentId);
    } else {
      filter.regionPath = trusted({ $in: actor.scope.map((id) => new Types.ObjectId(id)) });
    }
    if (query.status) filter.status = query.status;
    if (query.planId) filter.planId = new Types.ObjectId(query.planId);
    if (query.institutionId) filter.institutionId = new Types.ObjectId(query.institutionId);
    const docs = (await InspectionTaskModel.find(filter)
      .sort({ startsAt: 1, riskScore: -1 })
      .limit(MAX_LISTED)
      .lean()) as unknown as InspectionTaskDoc[];
    res.json({ items: docs.filter((doc) => canSeeTask(actor, doc)).map(presentInspectionTask) });
  });

  router.get("/:id", async (req, res) => {
    const { id } = validate(inspectionTaskParamsSchema, req.params, "params");
    res.json({ task: presentInspectionTask(await loadTask(actorOf(res), id)) });
  });

  router.post("/:id/check-in", async (req, res) => {
    const { id } = validate(inspectionTaskParamsSchema, req.params, "params");
    const input = validate(checkInSchema, req.body, "body");
    res.json({ task: presentInspectionTask(await checkIn(actorOf(res), id, input, options.checkInRadiusM)) });
  });

  router.patch("/:id", async (req, res) => {
    const { id } = validate(inspectionTaskParamsSchema, req.params, "params");
    const input = validate(inspectionRecordSchema, req.body, "body");
    res.json({ task: presentInspectionTask(await recordInspection(actorOf(res), id, input)) });
  });

  router.post("/:id/complete", async (req, res) => {
    const { id } = validate(inspectionTaskParamsSchema, req.params, "params");
    const { expectedVersion } = validate(completeInspectionSchema, req.body, "body");
    res.json({ task: presentInspectionTask(await completeInspection(actorOf(res), id, expectedVersion)) });
  });

  router.post("/:id/findings/:findingId/event", async (req, res) => {
    const { id, findingId } = validate(findingParamsSchema, req.params, "params");
    const { eventCode } = validate(findingEventSchema, req.body, "body");
    res.json({ task: presentInspectionTask(await linkFindingEvent(actorOf(res), id, findingId, eventCode)) });
  });
  return router;
}
