import { polygonsOf } from "@gridrisk/shared";
import Flatbush from "flatbush";
import { intersection } from "polyclip-ts";
import { bboxOf } from "../geometryMeasures";
import { clippingFailure, geodesicAreaM2 } from "./geodesicArea";
import { featureLabel, formatArea, type IndexedFeature, type TerritoryIssue } from "./territoryIssue";

/** The findings of the overlap check: overlaps are errors, pairs that could not be compared are warnings. */
export interface OverlapFindings {
  errors: TerritoryIssue[];
  warnings: TerritoryIssue[];
}

/**
 * sibling_overlap errors: regions of one parent whose boundaries overlap by more than the
 * tolerance (geodesic m²). Only pairs whose bounding boxes meet are clipped, found through a
 * static R-tree, so a few thousand grids take a few thousand clippings rather than millions.
 */
export function siblingOverlapIssues(features: readonly IndexedFeature[], toleranceM2: number): OverlapFindings {
  const findings: OverlapFindings = { errors: [], warnings: [] };
  const placed = features.filter(({ feature }) => feature.geometry && feature.properties.parentCode);
  if (placed.length < 2) return findings;
  const index = new Flatbush(placed.length);
  const boxes = placed.map(({ feature }) => bboxOf(feature.geometry ?? { type: "Polygon", coordinates: [] }));
  for (const box of boxes) index.add(box.minLng, box.minLat, box.maxLng, box.maxLat);
  index.finish();
  placed.forEach((first, firstIndex) => {
    const box = boxes[firstIndex];
    if (!box || !first.feature.geometry) return;
    const { code, parentCode, level } = first.feature.properties;
    for (const secondIndex of index.search(box.minLng, box.minLat, box.maxLng, box.maxLat)) {
      const second = placed[secondIndex];
      if (secondIndex <= firstIndex || !second?.feature.geometry) continue;
      const other = second.feature.properties;
      if (other.parentCode !== parentCode || other.level !== level) continue;
      const where = featureLabel(second.index, other.code);
      const pair = `${level}s ${code} (feature #${first.index}) and ${other.code} (feature #${second.index})`;
      try {
        const overlap = intersection(polygonsOf(first.feature.geometry), polygonsOf(second.feature.geometry));
        const areaM2 = geodesicAreaM2(overlap);
        if (areaM2 <= toleranceM2) continue;
        findings.errors.push({
          index: second.index,
          code: other.code,
          problem: "sibling_overlap",
          path: "geometry",
          message: `${where}: ${pair} of ${parentCode} overlap by ${formatArea(areaM2)}`,
        });
      } catch (error) {
        findings.warnings.push({
          index: second.index,
          code: other.code,
          problem: "sibling_overlap",
          path: "geometry",
          message: `${where}: could not check whether ${pair} overlap: ${clippingFailure(error)}`,
        });
      }
    }
  });
  return findings;
}
