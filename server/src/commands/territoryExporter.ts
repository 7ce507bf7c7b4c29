import { levelDepth, type RegionLevel, type TerritoryFeature } from "@gridrisk/shared";
import type { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import { RegionModel } from "../models/region";
import { fromStoredBoundary } from "../territory/storedBoundary";

/** A territory GeoJSON FeatureCollection, the same format the importer reads. */
export interface TerritoryCollection {
  type: "FeatureCollection";
  features: TerritoryFeature[];
}

/**
 * Exports regions as GeoJSON, parents before children: the whole territory, or the subtree of
 * `rootId` (the root included).
 */
export async function exportTerritory(rootId?: Types.ObjectId): Promise<TerritoryCollection> {
  const filter = rootId ? { $or: [{ _id: rootId }, { ancestors: rootId }] } : {};
  const regions = await RegionModel.find(filter).lean();
  const codeOf = new Map<string, string>();
  for (const region of regions) codeOf.set(region._id.toHexString(), region.code);
  // A subtree's root keeps its parent's code, looked up separately when outside the export.
  const missingParents = regions
    .filter((r) => r.parentId && !codeOf.has(r.parentId.toHexString()))
    .map((r) => r.parentId);
  for (const parent of await RegionModel.find({ _id: trusted({ $in: missingParents }) }, { code: 1 }).lean()) {
    codeOf.set(parent._id.toHexString(), parent.code);
  }
  regions.sort(
    (a, b) => levelDepth(a.level as RegionLevel) - levelDepth(b.level as RegionLevel) || (a.code < b.code ? -1 : 1),
  );
  return {
    type: "FeatureCollection",
    features: regions.map((region) => {
      const parentCode = region.parentId ? codeOf.get(region.parentId.toHexString()) : undefined;
      return {
        type: "Feature",
        properties: {
          code: region.code,
          name: region.name,
          ...(region.nameEn ? { nameEn: region.nameEn } : {}),
          level: region.level as RegionLevel,
          ...(parentCode ? { parentCode } : {}),
        },
        geometry: region.boundary ? fromStoredBoundary(region.boundary) : null,
      };
    }),
  };
}
