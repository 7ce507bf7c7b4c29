import { polygonsOf, type Ring } from "@gridrisk/shared";
import kinks from "@turf/kinks";
import { featureLabel, type IndexedFeature, type TerritoryIssue } from "./territoryIssue";

/** The ring without repeated consecutive positions, which kinks would take for crossings. */
function withoutRepeats(ring: Ring): Ring {
  return ring.filter((position, index) => {
    const previous = ring[index - 1];
    return !previous || previous[0] !== position[0] || previous[1] !== position[1];
  });
}

/**
 * A self_intersection error for every ring of the feature that crosses or touches itself. Rings
 * are checked one by one: parts of a multipolygon may touch each other, a ring may not.
 */
export function selfIntersectionIssues({ index, feature }: IndexedFeature): TerritoryIssue[] {
  if (!feature.geometry) return [];
  const { code } = feature.properties;
  const multi = feature.geometry.type === "MultiPolygon";
  const issues: TerritoryIssue[] = [];
  polygonsOf(feature.geometry).forEach((rings, polygonIndex) => {
    rings.forEach((ring, ringIndex) => {
      const crossings = kinks({ type: "Polygon", coordinates: [withoutRepeats(ring)] }).features;
      const first = crossings[0]?.geometry.coordinates;
      if (!first) return;
      const path = `geometry.coordinates.${multi ? `${polygonIndex}.` : ""}${ringIndex}`;
      const at = `[${first.map((value) => value.toFixed(6)).join(", ")}]`;
      const more = crossings.length > 1 ? ` and ${crossings.length - 1} more places` : "";
      issues.push({
        index,
        code,
        problem: "self_intersection",
        path,
        message: `${featureLabel(index, code)}: the ring at ${path} crosses itself at ${at}${more}`,
      });
    });
  });
  return issues;
}
