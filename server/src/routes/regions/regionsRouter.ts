import { idParamsSchema, locateQuerySchema, regionListQuerySchema } from "@gridrisk/shared";
import { Router } from "express";
import { notFound } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { RegionModel } from "../../models/region";
import { canSeeRegionId, scopeRegionsOf } from "../../policies/regionVisibility";
import { authorize, canSeeRegion } from "../../policies/territoryPolicy";
import { presentRegion, presentRegionDetail } from "../../presenters/regionPresenter";
import { locateOrReject } from "../../territory/locateOrReject";
import { fromStoredBoundary } from "../../territory/storedBoundary";
import { territory } from "../../territory/territoryCache";
import { decodeCursor, pageOf } from "../pagination";

/** GET /api/regions, /api/regions/locate, /api/regions/:id */
export function regionsRouter(): Router {
  const router = Router();

  router.get("/", (req, res) => {
    const query = validate(regionListQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "region");
    const registry = territory();
    const scopeRegions = scopeRegionsOf(actor);
    const needle = query.q?.toLowerCase();
    const visible = [...registry.all()]
      .filter(
        (region) =>
          (!query.level || region.level === query.level) &&
          (!query.parent || region.parentId === query.parent) &&
          (!needle || region.name.toLowerCase().includes(needle) || region.code.includes(needle)) &&
          canSeeRegion(actor, region, scopeRegions),
      )
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const page = pageOf(visible, (region) => region.code, query.limit, decodeCursor(query.cursor));
    res.json({ items: page.items.map(presentRegion), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.get("/locate", (req, res) => {
    const { lng, lat } = validate(locateQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "region");
    const location = locateOrReject(lng, lat, "point");
    // Locating is open to everyone signed in: a grid worker standing at a border must learn whose
    // grid it is even when it is not theirs.
    res.json({ grid: presentRegion(location.grid), path: location.path.map(presentRegion) });
  });

  router.get("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    const registry = territory();
    const region = registry.get(id);
    authorize(actor, "read", "region");
    if (!region || !canSeeRegionId(actor, id)) throw notFound(`Region ${id}`);
    const doc = await RegionModel.findById(id, { boundary: 1 }).lean();
    if (!doc) throw notFound(`Region ${id}`);
    res.json({ region: presentRegionDetail(region, doc.boundary ? fromStoredBoundary(doc.boundary) : null) });
  });
  return router;
}
