import { polygonsOf, type Ring } from "@gridrisk/shared";
import { difference } from "polyclip-ts";
import { clippingFailure, geodesicAreaM2 } from "./geodesicArea";
import { featureLabel, formatArea, type IndexedFeature, type TerritoryIssue } from "./territoryIssue";

/**
 * gap warnings: parents in the file whose children (those in the file) leave more than the
 * tolerance (geodesic m²) of the parent uncovered. A gap is a warning, not an error: a place in
 * no grid is still placed in its community, just not in a grid. Parents with a child that has no
 * boundary are skipped, as their coverage cannot be known.
 */
export function coverageGapIssues(features: readonly IndexedFeature[], toleranceM2: number): TerritoryIssue[] {
  const children = new Map<string, (Ring[][] | undefined)[]>();
  for (const { feature } of features) {
    const { parentCode } = feature.properties;
    if (!parentCode) continue;
    const boundary = feature.geometry ? polygonsOf(feature.geometry) : undefined;
    const siblings = children.get(parentCode) ?? [];
    siblings.push(boundary);
    children.set(parentCode, siblings);
  }
  const issues: TerritoryIssue[] = [];
  for (const { index, feature } of features) {
    const { code, level } = feature.properties;
    const parts = children.get(code);
    if (!feature.geometry || !parts || parts.some((part) => !part)) continue;
    const where = featureLabel(index, code);
    const base = { index, code, problem: "gap" as const, path: "geometry" };
    try {
      const uncovered = difference(polygonsOf(feature.geometry), ...(parts as Ring[][][]));
      const areaM2 = geodesicAreaM2(uncovered);
      if (areaM2 <= toleranceM2) continue;
      issues.push({
        ...base,
        message: `${where}: ${formatArea(areaM2)} of this ${level} is not covered by any of its ${parts.length} children`,
      });
    } catch (error) {
      issues.push({ ...base, message: `${where}: could not check its children's coverage: ${clippingFailure(error)}` });
    }
  }
  return issues;
}
