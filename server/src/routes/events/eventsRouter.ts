import {
  EVENT_LIMITS,
  eventActionSchema,
  eventListQuerySchema,
  eventReportSchema,
  idParamsSchema,
} from "@gridrisk/shared";
import { Router } from "express";
import { z } from "zod";
import { reportEvent } from "../../commands/eventReporter";
import { loadVisibleEvent, transitionEvent } from "../../commands/eventTransitioner";
import { validationFailed } from "../../errors";
import { canSeeEvent } from "../../events/eventVisibility";
import { recentEvents } from "../../events/recentEvents";
import { verifyChain } from "../../events/timelineChain";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import type { EventDoc } from "../../models/event";
import { presentEvent, presentEventSummary } from "../../presenters/eventPresenter";
import { countEvents, listEvents } from "./eventListQuery";

export const eventCountsQuerySchema = z
  .object({
    region: z
      .string()
      .regex(/^[0-9a-f]{24}$/)
      .optional(),
  })
  .strict();

/** POST/GET /api/events, GET /api/events/counts, GET /api/events/:id, POST /:id/actions, GET /:id/verify */
export function eventsRouter(): Router {
  const router = Router();

  router.post("/", async (req, res) => {
    const key = req.get("idempotency-key");
    if (!key || !EVENT_LIMITS.idempotencyKeyPattern.test(key)) {
      throw validationFailed([
        { path: "headers.idempotency-key", message: "is required: 8-100 letters, digits, _ or -" },
      ]);
    }
    const input = validate(eventReportSchema, req.body, "body");
    const actor = actorOf(res);
    const { event, mergeCandidates, created } = await reportEvent(actor, key, input);
    if (!created) res.setHeader("Idempotent-Replayed", "true");
    res
      .status(201)
      .json({ event: presentEvent(event, actor), mergeCandidates: mergeCandidates.map(presentEventSummary) });
  });

  router.get("/", async (req, res) => {
    const query = validate(eventListQuerySchema, req.query, "query");
    res.json(await listEvents(query, actorOf(res)));
  });

  router.get("/counts", async (req, res) => {
    const query = validate(eventCountsQuerySchema, req.query, "query");
    const byStatus = await countEvents(actorOf(res), query.region);
    res.json({ byStatus, total: Object.values(byStatus).reduce((sum, count) => sum + count, 0) });
  });

  router.get("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    const doc = await loadVisibleEvent(actor, id);
    res.json({ event: presentEvent(doc, actor) });
  });

  router.post("/:id/actions", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const input = validate(eventActionSchema, req.body, "body");
    const actor = actorOf(res);
    const updated = await transitionEvent(actor, id, input);
    res.json({ event: presentEvent(updated, actor) });
  });

  router.get("/:id/merge-candidates", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    const doc = await loadVisibleEvent(actor, id);
    const candidates = recentEvents.candidatesFor(doc).filter((candidate) => canSeeEvent(actor, candidate));
    res.json({ items: candidates.map((candidate) => presentEventSummary(candidate as EventDoc)) });
  });

  router.get("/:id/verify", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    const doc = await loadVisibleEvent(actor, id);
    res.json(verifyChain(doc._id, doc.timeline as Parameters<typeof verifyChain>[1]));
  });
  return router;
}
