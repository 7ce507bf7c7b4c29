import {
  idParamsSchema,
  inspectionPlanInputSchema,
  inspectionPlanUpdateSchema,
  occurrenceQuerySchema,
  riskScoreOf,
} from "@gridrisk/shared";
import { Router } from "express";
import { Types } from "mongoose";
import { recordAudit } from "../../audit/recordAudit";
import { currentCalendarPeriods } from "../../calendar/calendarStore";
import { createPlan, deletePlan, loadPlan, updatePlan } from "../../commands/inspectionPlans";
import { expandPlan } from "../../inspections/planOccurrences";
import { riskFactsOf } from "../../inspections/riskFacts";
import { targetsOfPlan } from "../../inspections/taskMaterialiser";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { type InspectionPlanDoc, InspectionPlanModel } from "../../models/inspectionPlan";
import { authorize } from "../../policies/territoryPolicy";
import { presentInspectionPlan } from "../../presenters/inspectionPlanPresenter";

/** /api/inspection-plans: recurring inspection plans (检查计划). */
export function inspectionPlansRouter(): Router {
  const router = Router();

  router.get("/", async (_req, res) => {
    const actor = actorOf(res);
    authorize(actor, "read", "inspection_plan");
    const scope = actor.scope.map((id) => new Types.ObjectId(id));
    // Plans of the actor's regions and of the regions above them (a city plan reaches a district).
    const docs = (await InspectionPlanModel.find({ deletedAt: null }).sort({ _id: 1 }).lean()) as InspectionPlanDoc[];
    const visible = docs.filter(
      (doc) =>
        (doc.scope?.regionIds ?? []).some((id) => scope.some((own) => own.equals(id))) ||
        doc.regionPath.some((id) => scope.some((own) => own.equals(id))),
    );
    res.json({ items: visible.map(presentInspectionPlan) });
  });

  router.get("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    res.json({ plan: presentInspectionPlan(await loadPlan(actorOf(res), id)) });
  });

  router.get("/:id/occurrences", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const { from, to } = validate(occurrenceQuerySchema, req.query, "query");
    const plan = await loadPlan(actorOf(res), id);
    const items = expandPlan(plan, from, to, currentCalendarPeriods()).map((occurrence) => ({
      date: occurrence.date,
      startsAt: occurrence.startsAt.toISOString(),
      endsAt: occurrence.endsAt.toISOString(),
    }));
    res.json({ items });
  });

  /** The institutions the plan visits, riskiest first, with each score explained. */
  router.get("/:id/targets", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const plan = await loadPlan(actorOf(res), id);
    const targets = await targetsOfPlan(plan);
    const facts = await riskFactsOf(targets.map((target) => target.doc));
    res.json({
      items: targets.map(({ doc }) => {
        const fact = facts.get(doc._id.toHexString());
        return {
          institutionId: doc._id.toHexString(),
          name: doc.name,
          gridId: doc.gridId.toHexString(),
          risk: fact ? riskScoreOf(fact) : { score: 0, factors: [] },
        };
      }),
    });
  });

  router.post("/", async (req, res) => {
    const input = validate(inspectionPlanInputSchema, req.body, "body");
    const actor = actorOf(res);
    const plan = presentInspectionPlan(await createPlan(actor, input));
    await recordAudit({
      actor,
      action: "create",
      entityType: "inspection_plan",
      entityId: plan.id,
      before: null,
      after: plan,
    });
    res.status(201).json({ plan });
  });

  router.put("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const input = validate(inspectionPlanUpdateSchema, req.body, "body");
    const actor = actorOf(res);
    const before = presentInspectionPlan(await loadPlan(actor, id));
    const plan = presentInspectionPlan(await updatePlan(actor, id, input));
    await recordAudit({ actor, action: "update", entityType: "inspection_plan", entityId: id, before, after: plan });
    res.json({ plan });
  });

  router.delete("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    const before = presentInspectionPlan(await loadPlan(actor, id));
    await deletePlan(actor, id);
    await recordAudit({ actor, action: "delete", entityType: "inspection_plan", entityId: id, before, after: null });
    res.status(204).end();
  });
  return router;
}
