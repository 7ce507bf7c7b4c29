import {
  longRunningQuerySchema,
  OVERSIGHT_LIMITS,
  oversightRankingQuerySchema,
  urgingsQuerySchema,
} from "@gridrisk/shared";
import { Router } from "express";
import { validationFailed } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { eventsForOversight, overseenRegions, periodOf, rankedFactsOf } from "../../oversight/oversightQueries";
import { rankRegions } from "../../oversight/oversightRanking";
import { urgingResponses } from "../../oversight/urgingResponses";
import { canSeeRegionId } from "../../policies/regionVisibility";
import { authorize } from "../../policies/territoryPolicy";
import { presentEventSummary } from "../../presenters/eventPresenter";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** GET /api/oversight/ranking, /long-running, /urgings: read-only views for oversight (监督, 督办). */
export function oversightRouter(): Router {
  const router = Router();
  const regionGuard = (actor: Parameters<typeof canSeeRegionId>[0], region?: string) => {
    if (region && !canSeeRegionId(actor, region)) {
      throw validationFailed([{ path: "query.region", message: "names no region within your territory" }]);
    }
  };

  router.get("/ranking", async (req, res) => {
    const query = validate(oversightRankingQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "oversight");
    regionGuard(actor, query.region);
    const period = periodOf(query);
    const events = await eventsForOversight(actor, { region: query.region, ...period });
    const rows = rankRegions(events.map(rankedFactsOf), overseenRegions(actor, query.level, query.region));
    res.json({ level: query.level, from: iso(period.from), to: iso(period.to), items: rows });
  });

  router.get("/long-running", async (req, res) => {
    const query = validate(longRunningQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "oversight");
    regionGuard(actor, query.region);
    const openOlderThan = new Date(Date.now() - query.days * 86_400_000);
    const events = await eventsForOversight(actor, { region: query.region, openOlderThan });
    events.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
    res.json({ days: query.days, items: events.slice(0, OVERSIGHT_LIMITS.maxListed).map(presentEventSummary) });
  });

  router.get("/urgings", async (req, res) => {
    const query = validate(urgingsQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "oversight");
    regionGuard(actor, query.region);
    const events = await eventsForOversight(actor, { region: query.region, ...periodOf(query) });
    const items = events
      .flatMap((event) =>
        urgingResponses(rankedFactsOf(event).timeline).map((urging) => ({
          event: { id: event._id.toHexString(), code: event.code, title: event.title, status: event.status },
          at: urging.at.toISOString(),
          by: urging.by,
          automatic: urging.automatic,
          note: urging.note,
          answeredAt: iso(urging.answeredAt),
          answerHours: urging.answerHours,
        })),
      )
      .sort((a, b) => (a.at < b.at ? 1 : -1))
      .slice(0, OVERSIGHT_LIMITS.maxListed);
    res.json({ items });
  });
  return router;
}
