import { polygonsOf } from "@gridrisk/shared";
import mongoose from "mongoose";
import pointInPolygon from "point-in-polygon-hao";
import { insertValidated } from "../database/bulkInsert";
import { InstitutionModel } from "../models/institution";
import { RegionModel } from "../models/region";
import { fromStoredBoundary } from "../territory/storedBoundary";
import { territory } from "../territory/territoryCache";
import { generateDemoInstitutions } from "./demoInstitutions";

/** Generates the demo institutions over the loaded grids and stores them (upsert by credit code). */
export async function seedDemoInstitutions(seed: number): Promise<number> {
  const registry = territory();
  const gridDocs = await RegionModel.find({ level: "grid" }, { code: 1, boundary: 1 }).lean();
  const grids = gridDocs.flatMap((doc) => {
    const summary = registry.getByCode(doc.code);
    if (!summary || !doc.boundary) return [];
    const polygons = polygonsOf(fromStoredBoundary(doc.boundary));
    const districtCode = registry.pathOf(summary.id).find((region) => region.level === "district")?.code ?? "";
    return [
      {
        code: doc.code,
        districtCode,
        centroid: summary.centroid,
        contains: (lng: number, lat: number) => polygons.some((rings) => pointInPolygon([lng, lat], rings) === true),
      },
    ];
  });
  // Insert only what is missing (an interrupted seed resumes); upserts one by one are slow on FerretDB.
  const existing = new Set((await InstitutionModel.find({}, { creditCode: 1 }).lean()).map((doc) => doc.creditCode));
  const docs = generateDemoInstitutions(grids, { seed }).flatMap(({ gridCode, location, ...fields }) => {
    const grid = registry.getByCode(gridCode);
    if (!grid || existing.has(fields.creditCode)) return [];
    return [
      {
        ...fields,
        location: { type: "Point", coordinates: [location.lng, location.lat] },
        lng: location.lng,
        lat: location.lat,
        gridId: new mongoose.Types.ObjectId(grid.id),
        regionPath: registry.pathOf(grid.id).map((region) => new mongoose.Types.ObjectId(region.id)),
        version: 1,
        deletedAt: null,
      },
    ];
  });
  await insertValidated(InstitutionModel, docs);
  return existing.size + docs.length;
}
