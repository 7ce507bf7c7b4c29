import {
  checkInSchema,
  completeInspectionSchema,
  findingEventSchema,
  inspectionRecordSchema,
  inspectionTaskParamsSchema,
  inspectionTaskQuerySchema,
} from "@gridrisk/shared";
import { Router } from "express";
import { z } from "zod";
import {
  checkIn,
  completeInspection,
  linkFindingEvent,
  loadTask,
  recordInspection,
} from "../../commands/inspectionTasks";
import { listInspectionTasks } from "../../inspections/taskQueries";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { authorize } from "../../policies/territoryPolicy";
import { presentInspectionTask } from "../../presenters/inspectionTaskPresenter";

/** A task and one of its findings, as in `/:id/findings/:findingId/event`. */
export const findingParamsSchema = inspectionTaskParamsSchema.extend({
  findingId: z.string().regex(/^f\d{1,3}$/, "is not a finding id"),
});

/** /api/inspection-tasks: inspection visits, made ahead by the scheduler from the plans. */
export function inspectionTasksRouter(options: { checkInRadiusM: number }): Router {
  const router = Router();

  /** Tasks the actor may see, soonest first; `mine=true`: only those assigned to the actor. */
  router.get("/", async (req, res) => {
    const query = validate(inspectionTaskQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "inspection_task");
    res.json({ items: (await listInspectionTasks(actor, query)).map(presentInspectionTask) });
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
