import type { BoundaryGeometry } from "@gridrisk/shared";
import type { BBox } from "../territory/geometryMeasures";
import type { RegionSummary } from "../territory/territoryRegistry";

/** A region in lists and paths: its summary without the bounding box. */
export type RegionView = Omit<RegionSummary, "bbox">;

/** A single region, with its boundary. */
export interface RegionDetailView extends RegionView {
  bbox?: BBox;
  boundary: BoundaryGeometry | null;
}

/** Every field of a region that lists show. */
export function presentRegion(region: RegionSummary): RegionView {
  return {
    id: region.id,
    code: region.code,
    name: region.name,
    ...(region.nameEn ? { nameEn: region.nameEn } : {}),
    level: region.level,
    parentId: region.parentId,
    ancestors: region.ancestors,
    centroid: region.centroid,
  };
}

/** A region with its boundary (GeoJSON). */
export function presentRegionDetail(region: RegionSummary, boundary: BoundaryGeometry | null): RegionDetailView {
  return { ...presentRegion(region), ...(region.bbox ? { bbox: region.bbox } : {}), boundary };
}
