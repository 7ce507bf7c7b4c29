import { parentLevel, REGION_LEVELS, type RegionLevel } from "@gridrisk/shared";
import { rawCodeOf } from "./featureParsing";
import { featureLabel, type IndexedFeature, type TerritoryIssue } from "./territoryIssue";

function rawLevelOf(raw: unknown): RegionLevel | undefined {
  const level = (raw as { properties?: { level?: unknown } } | null)?.properties?.level;
  return REGION_LEVELS.find((known) => known === level);
}

/**
 * duplicate_code errors, and the level of every code the file claims. Features that failed to
 * parse still claim their code, so a district with a bad boundary does not also orphan its
 * townships in the report.
 */
export function claimCodes(raws: readonly unknown[]): { levels: Map<string, RegionLevel>; issues: TerritoryIssue[] } {
  const levels = new Map<string, RegionLevel>();
  const firstIndex = new Map<string, number>();
  const issues: TerritoryIssue[] = [];
  raws.forEach((raw, index) => {
    const code = rawCodeOf(raw);
    if (!code) return;
    const earlier = firstIndex.get(code);
    if (earlier !== undefined) {
      issues.push({
        index,
        code,
        problem: "duplicate_code",
        path: "properties.code",
        message: `${featureLabel(index, code)}: code ${code} is already used by feature #${earlier}`,
      });
      return;
    }
    firstIndex.set(code, index);
    const level = rawLevelOf(raw);
    if (level) levels.set(code, level);
  });
  return { levels, issues };
}

/** missing_parent, wrong_parent_level and grid_without_geometry errors of one parsed feature. */
export function treeIssues(
  { index, feature }: IndexedFeature,
  levelOfCode: (code: string) => RegionLevel | undefined,
): TerritoryIssue[] {
  const { code, level, parentCode } = feature.properties;
  const where = featureLabel(index, code);
  const issues: TerritoryIssue[] = [];
  const expected = parentLevel(level);
  if (!expected && parentCode) {
    issues.push({
      index,
      code,
      problem: "wrong_parent_level",
      path: "properties.parentCode",
      message: `${where}: a city has no parent, but parentCode is ${parentCode}`,
    });
  } else if (expected && !parentCode) {
    issues.push({
      index,
      code,
      problem: "missing_parent",
      path: "properties.parentCode",
      message: `${where}: a ${level} needs a parentCode (the code of its ${expected})`,
    });
  } else if (expected && parentCode) {
    const actual = levelOfCode(parentCode);
    if (!actual) {
      issues.push({
        index,
        code,
        problem: "missing_parent",
        path: "properties.parentCode",
        message: `${where}: parent ${parentCode} is neither in the file nor already stored`,
      });
    } else if (actual !== expected) {
      issues.push({
        index,
        code,
        problem: "wrong_parent_level",
        path: "properties.parentCode",
        message: `${where}: the parent of a ${level} must be a ${expected}, but ${parentCode} is a ${actual}`,
      });
    }
  }
  if (level === "grid" && !feature.geometry) {
    issues.push({
      index,
      code,
      problem: "grid_without_geometry",
      path: "geometry",
      message: `${where}: a grid needs a boundary (events are placed in grids by their location)`,
    });
  }
  return issues;
}
