import {
  calendarYearInputSchema,
  calendarYearParamsSchema,
  DEFAULT_DEADLINE_POLICY,
  deadlinePolicySchema,
  shippedCalendarYear,
} from "@gridrisk/shared";
import { Router } from "express";
import { recordAudit } from "../../audit/recordAudit";
import {
  type CalendarYearView,
  presentDeadlinePolicy,
  presentShippedCalendarYear,
  presentStoredCalendarYear,
} from "../../calendar/calendarPresenter";
import {
  findStoredCalendarYear,
  findStoredDeadlinePolicy,
  saveCalendarYear,
  saveDeadlinePolicy,
} from "../../calendar/calendarRecords";
import { notFound } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { deadlinePolicyOf } from "../../models/deadlinePolicySetting";
import { authorize } from "../../policies/territoryPolicy";

/** A calendar year's content, for the audit log (not where it came from or when it was saved). */
function auditedCalendar({ source: _source, updatedAt: _updatedAt, ...content }: CalendarYearView) {
  return content;
}

/** GET/PUT /api/calendar/policy/deadlines, GET/PUT /api/calendar/:year */
export function calendarRouter(): Router {
  const router = Router();

  router.get("/policy/deadlines", async (_req, res) => {
    authorize(actorOf(res), "read", "calendar");
    const setting = await findStoredDeadlinePolicy();
    const stored = setting ? deadlinePolicyOf(setting) : undefined;
    res.json(
      stored && setting ? presentDeadlinePolicy(stored, setting) : presentDeadlinePolicy(DEFAULT_DEADLINE_POLICY, null),
    );
  });

  router.put("/policy/deadlines", async (req, res) => {
    const input = validate(deadlinePolicySchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "update", "calendar");
    const setting = await findStoredDeadlinePolicy();
    const before = setting ? deadlinePolicyOf(setting) : DEFAULT_DEADLINE_POLICY;
    const saved = await saveDeadlinePolicy(input, actor.id);
    await recordAudit({
      actor,
      action: "update",
      entityType: "deadline_policy",
      entityId: "deadlines",
      before,
      after: input,
    });
    res.json(presentDeadlinePolicy(input, saved));
  });

  router.get("/:year", async (req, res) => {
    const { year } = validate(calendarYearParamsSchema, req.params, "params");
    authorize(actorOf(res), "read", "calendar");
    const stored = await findStoredCalendarYear(year);
    const shipped = shippedCalendarYear(year);
    if (stored) res.json({ calendar: presentStoredCalendarYear(stored) });
    else if (shipped) res.json({ calendar: presentShippedCalendarYear(shipped) });
    else throw notFound(`Calendar year ${year}`);
  });

  router.put("/:year", async (req, res) => {
    const { year } = validate(calendarYearParamsSchema, req.params, "params");
    const input = validate(calendarYearInputSchema(year), req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "update", "calendar");
    const stored = await findStoredCalendarYear(year);
    const shipped = shippedCalendarYear(year);
    const before = stored ? presentStoredCalendarYear(stored) : shipped ? presentShippedCalendarYear(shipped) : null;
    const saved = await saveCalendarYear(year, input, actor.id);
    const calendar = presentStoredCalendarYear(saved);
    await recordAudit({
      actor,
      action: before ? "update" : "create",
      entityType: "calendar_year",
      entityId: String(year),
      before: before ? auditedCalendar(before) : null,
      after: auditedCalendar(calendar),
    });
    res.json({ calendar });
  });
  return router;
}
