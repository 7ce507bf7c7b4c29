import type { RegionLevel, TerritoryFeature } from "@gridrisk/shared";

/** What is wrong with a feature of a territory file. */
export type TerritoryProblem =
  | "invalid_feature"
  | "ring_not_closed"
  | "coordinate_out_of_range"
  | "self_intersection"
  | "duplicate_code"
  | "missing_parent"
  | "wrong_parent_level"
  | "grid_without_geometry"
  | "sibling_overlap"
  | "gap";

/** One problem found in a territory file, pointing at the feature it concerns. */
export interface TerritoryIssue {
  /** Position of the feature in the file, from 0. */
  index: number;
  /** The feature's code, when it has one. */
  code?: string;
  problem: TerritoryProblem;
  /** For people: what is wrong and where. */
  message: string;
  /** Dotted path inside the feature, e.g. "properties.level" or "geometry.coordinates.0.3". */
  path?: string;
}

/** The outcome of checking a territory file before import. */
export interface TerritoryReport {
  /** True when there are no errors; warnings do not block an import. */
  ok: boolean;
  errors: TerritoryIssue[];
  warnings: TerritoryIssue[];
  /** Features per level among those that parsed. */
  counts: Record<RegionLevel, number>;
  /** The parsed features when ok, else empty. */
  valid: TerritoryFeature[];
}

/** A feature that parsed, with its position in the file. */
export interface IndexedFeature {
  index: number;
  feature: TerritoryFeature;
}

/** How an issue names its feature at the start of a message: "feature #12 (320812001)". */
export function featureLabel(index: number, code?: string): string {
  return code ? `feature #${index} (${code})` : `feature #${index}`;
}

/** An area in m² as people read it. */
export function formatArea(areaM2: number): string {
  return areaM2 >= 10_000 ? `${(areaM2 / 1_000_000).toFixed(3)} km²` : `${areaM2.toFixed(1)} m²`;
}
