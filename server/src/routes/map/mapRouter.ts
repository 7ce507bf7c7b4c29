import { mapBoundariesQuerySchema, mapEventsQuerySchema } from "@gridrisk/shared";
import { Router } from "express";
import { boundariesOf } from "../../map/gridBoundaries";
import { isOverdueNow } from "../../metrics/metricsComputation";
import { metricsStore } from "../../metrics/metricsStore";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { liesIn, watchedRegion } from "../../policies/watchedTerritory";
import { presentLateEvent, presentMapRow } from "../../presenters/mapPresenter";
import { periodOf } from "../metrics/metricsRouter";
import { acceptsGzip, sendJsonGzipped } from "./gzipJson";

/** How many overdue and escalated events the side panel lists at most. */
const LATE_LIST_LIMIT = 200;
const FINAL = new Set(["closed", "dismissed", "merged"]);

/** GET /api/map/events and /api/map/boundaries: what the live map draws, from memory. */
export function mapRouter(): Router {
  const router = Router();

  router.get("/events", async (req, res) => {
    const query = validate(mapEventsQuerySchema, req.query, "query");
    const region = watchedRegion(actorOf(res), query.region);
    const now = Date.now();
    const { from, to } = periodOf(query, new Date(now));
    const statuses = query.status && new Set<string>(query.status);
    const severities = query.severity && new Set<string>(query.severity);
    const categories = query.category && new Set(query.category);
    const rows = [];
    const late = [];
    const openByGrid: Record<string, number> = {};
    for (const fact of (await metricsStore.current()).values()) {
      if (!liesIn(fact.regionPath, region)) continue;
      const overdue = isOverdueNow(fact, now);
      if (overdue || fact.status === "escalated") late.push(fact);
      if (severities && !severities.has(fact.severity)) continue;
      if (categories && !categories.has(fact.category)) continue;
      const grid = fact.regionPath[fact.regionPath.length - 1];
      if (query.shade === "true" && grid && !FINAL.has(fact.status)) openByGrid[grid] = (openByGrid[grid] ?? 0) + 1;
      if (fact.reportedAt < from.getTime() || fact.reportedAt >= to.getTime()) continue;
      if (statuses && !statuses.has(fact.status)) continue;
      if (query.overdue === "true" && !overdue) continue;
      rows.push(presentMapRow(fact, overdue));
    }
    const lateViews = late
      .map((fact) => presentLateEvent(fact, now))
      .sort((a, b) => b.lateMs - a.lateMs)
      .slice(0, LATE_LIST_LIMIT);
    await sendJsonGzipped(req, res, {
      rows,
      late: lateViews,
      ...(query.shade === "true" ? { openByGrid } : {}),
      asOf: metricsStore.asOf().toISOString(),
    });
  });

  router.get("/boundaries", async (req, res) => {
    const query = validate(mapBoundariesQuerySchema, req.query, "query");
    const region = watchedRegion(actorOf(res), query.region);
    const answer = await boundariesOf(region);
    res.set({ ETag: answer.etag, "Cache-Control": "private, max-age=0, must-revalidate", Vary: "Accept-Encoding" });
    if (req.headers["if-none-match"] === answer.etag) {
      res.status(304).end();
      return;
    }
    const gzip = acceptsGzip(req);
    res.type("application/json");
    if (gzip) res.set("Content-Encoding", "gzip");
    res.send(gzip ? answer.gzip : answer.json);
  });
  return router;
}
