import { idParamsSchema, institutionInputSchema, institutionUpdateSchema } from "@gridrisk/shared";
import { Router } from "express";
import { Types } from "mongoose";
import {
  createInstitution,
  deleteInstitution,
  loadInstitution,
  updateInstitution,
} from "../../commands/institutionRecords";
import { trusted } from "../../database/trustedFilter";
import { validationFailed } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { type InstitutionDoc, InstitutionModel } from "../../models/institution";
import { authorize } from "../../policies/territoryPolicy";
import { presentInstitution } from "../../presenters/institutionPresenter";
import { distanceMeters } from "../../territory/geometryMeasures";
import { decodeCursor, encodeCursor } from "../pagination";
import { institutionListQuerySchema } from "./institutionListQuery";

const METRES_PER_DEGREE_LAT = 111_320;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** GET/POST /api/institutions, GET/PATCH/DELETE /api/institutions/:id */
export function institutionsRouter(): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    const query = validate(institutionListQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "institution");
    const scope = actor.scope.map((id) => new Types.ObjectId(id));
    const filter: Record<string, unknown> = { deletedAt: null, regionPath: trusted({ $in: scope }) };
    if (query.region) filter.$and = [{ regionPath: new Types.ObjectId(query.region) }];
    if (query.type) filter.type = query.type;
    if (query.licenceStatus) filter.licenceStatus = query.licenceStatus;
    if (query.fundSupervision) filter.fundSupervision = query.fundSupervision;
    if (query.q) filter.name = trusted({ $regex: escapeRegex(query.q), $options: "i" });

    if (query.near) {
      // No geospatial operators on FerretDB: a bounding box in the database, exact distance here.
      const [lng, lat] = query.near;
      const dLat = query.radius / METRES_PER_DEGREE_LAT;
      const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
      filter.lng = trusted({ $gte: lng - dLng, $lte: lng + dLng });
      filter.lat = trusted({ $gte: lat - dLat, $lte: lat + dLat });
      const candidates = (await InstitutionModel.find(filter).lean()) as InstitutionDoc[];
      const items = candidates
        .map((doc) => ({ doc, distance: distanceMeters({ lng, lat }, { lng: doc.lng, lat: doc.lat }) }))
        .filter(({ distance }) => distance <= query.radius)
        .sort((a, b) => a.distance - b.distance)
        .slice(0, query.limit)
        .map(({ doc, distance }) => presentInstitution(doc, distance));
      res.json({ items });
      return;
    }

    const after = decodeCursor(query.cursor);
    if (after) {
      if (!/^[0-9a-f]{24}$/.test(after)) {
        throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
      }
      filter._id = trusted({ $gt: new Types.ObjectId(after) });
    }
    const docs = (await InstitutionModel.find(filter)
      .sort({ _id: 1 })
      .limit(query.limit + 1)
      .lean()) as InstitutionDoc[];
    const items = docs.slice(0, query.limit);
    const last = items[items.length - 1];
    res.json({
      items: items.map((doc) => presentInstitution(doc)),
      ...(docs.length > query.limit && last ? { nextCursor: encodeCursor(last._id.toHexString()) } : {}),
    });
  });

  router.get("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    res.json({ institution: presentInstitution(await loadInstitution(actorOf(res), id)) });
  });

  router.post("/", async (req, res) => {
    const input = validate(institutionInputSchema, req.body, "body");
    res.status(201).json({ institution: presentInstitution(await createInstitution(actorOf(res), input)) });
  });

  router.patch("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const input = validate(institutionUpdateSchema, req.body, "body");
    res.json({ institution: presentInstitution(await updateInstitution(actorOf(res), id, input)) });
  });

  router.delete("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    await deleteInstitution(actorOf(res), id);
    res.status(204).end();
  });
  return router;
}
