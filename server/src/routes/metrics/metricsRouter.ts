import { METRICS_LIMITS, metricsQuerySchema } from "@gridrisk/shared";
import { Router } from "express";
import { computeMetrics, FigureTally } from "../../metrics/metricsComputation";
import { metricsStore } from "../../metrics/metricsStore";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { liesIn, watchedRegion } from "../../policies/watchedTerritory";
import { presentMetrics } from "../../presenters/metricsPresenter";
import { territory } from "../../territory/territoryCache";

/** The period a query names, or the last METRICS_LIMITS.defaultDays days up to now. */
export function periodOf(query: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - METRICS_LIMITS.defaultDays * 86_400_000);
  return { from, to };
}

/** GET /api/metrics: the figures of a territory over a period, computed from the in-memory facts. */
export function metricsRouter(): Router {
  const router = Router();
  router.get("/", async (req, res) => {
    const query = validate(metricsQuerySchema, req.query, "query");
    const region = watchedRegion(actorOf(res), query.region);
    const now = new Date();
    const { from, to } = periodOf(query, now);
    const facts = await metricsStore.current();
    const depth = region.ancestors.length;
    function* inRegion() {
      for (const fact of facts.values()) if (liesIn(fact.regionPath, region)) yield fact;
    }
    const computed = computeMetrics(
      inRegion(),
      { from: from.getTime(), to: to.getTime(), now: now.getTime() },
      (fact) => fact.regionPath[depth + 1],
    );
    const children = [...territory().all()]
      .filter((child) => child.parentId === region.id)
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const empty = new FigureTally().figures();
    res.json(presentMetrics(region, children, computed, empty, { from, to, asOf: metricsStore.asOf() }));
  });
  return router;
}
