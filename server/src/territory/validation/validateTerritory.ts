import { REGION_LEVELS, type RegionLevel } from "@gridrisk/shared";
import { coverageGapIssues } from "./coverageGaps";
import { parseTerritoryFeature } from "./featureParsing";
import { selfIntersectionIssues } from "./selfIntersection";
import { siblingOverlapIssues } from "./siblingOverlap";
import type { IndexedFeature, TerritoryIssue, TerritoryReport } from "./territoryIssue";
import { claimCodes, treeIssues } from "./territoryTree";

/** What validateTerritory compares the file with, and how strict it is. */
export interface TerritoryValidationOptions {
  /** Code → level of the regions already stored, which the file's features may name as parents. */
  existing?: ReadonlyMap<string, RegionLevel>;
  /** Largest overlap of two siblings, in geodesic m², still taken for drawing noise (default 1). */
  overlapToleranceM2?: number;
  /** Largest part of a parent its children may leave uncovered before a warning, in m² (default 100). */
  gapToleranceM2?: number;
}

function byPosition(first: TerritoryIssue, second: TerritoryIssue): number {
  return first.index - second.index;
}

/**
 * Checks a territory file before import: each feature against the shared schema, each ring for
 * self-intersections, the tree (unique codes, parents that exist and sit one level up, grids with
 * boundaries), siblings for overlaps and parents for gaps their children leave. Reports every
 * problem at once, so a file can be fixed in one go.
 */
export function validateTerritory(features: unknown[], options: TerritoryValidationOptions = {}): TerritoryReport {
  const errors: TerritoryIssue[] = [];
  const warnings: TerritoryIssue[] = [];
  const parsed: IndexedFeature[] = [];
  features.forEach((raw, index) => {
    const result = parseTerritoryFeature(raw, index);
    errors.push(...result.issues);
    if (result.feature) parsed.push({ index, feature: result.feature });
  });

  const claimed = claimCodes(features);
  errors.push(...claimed.issues);
  const levelOfCode = (code: string) => claimed.levels.get(code) ?? options.existing?.get(code);
  // Clipping a ring that crosses itself gives meaningless areas, so such features sit out the area checks.
  const simple: IndexedFeature[] = [];
  for (const entry of parsed) {
    errors.push(...treeIssues(entry, levelOfCode));
    const crossings = selfIntersectionIssues(entry);
    errors.push(...crossings);
    if (crossings.length === 0) simple.push(entry);
  }

  const overlaps = siblingOverlapIssues(simple, options.overlapToleranceM2 ?? 1);
  errors.push(...overlaps.errors);
  warnings.push(...overlaps.warnings, ...coverageGapIssues(simple, options.gapToleranceM2 ?? 100));

  const counts = Object.fromEntries(REGION_LEVELS.map((level) => [level, 0])) as Record<RegionLevel, number>;
  for (const { feature } of parsed) counts[feature.properties.level]++;
  const ok = errors.length === 0;
  return {
    ok,
    errors: errors.sort(byPosition),
    warnings: warnings.sort(byPosition),
    counts,
    valid: ok ? parsed.map(({ feature }) => feature) : [],
  };
}
