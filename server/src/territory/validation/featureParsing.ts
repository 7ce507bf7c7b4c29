import { type TerritoryFeature, territoryFeatureSchema } from "@gridrisk/shared";
import { featureLabel, type TerritoryIssue } from "./territoryIssue";

/** The outcome of parsing one raw feature. */
export interface ParsedFeature {
  feature?: TerritoryFeature;
  issues: TerritoryIssue[];
}

type ZodIssue = NonNullable<ReturnType<typeof territoryFeatureSchema.safeParse>["error"]>["issues"][number];

// One feature in the wrong projection would otherwise report every one of its positions.
const MAX_ISSUES_PER_FEATURE = 5;

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The code a raw feature claims, even when the rest of it is invalid, so that messages can name it. */
export function rawCodeOf(raw: unknown): string | undefined {
  const code = valueAt(raw, ["properties", "code"]);
  return typeof code === "string" && code.length > 0 ? code : undefined;
}

function isOpenRing(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 2) return false;
  const first: unknown = value[0];
  const last: unknown = value[value.length - 1];
  return Array.isArray(first) && Array.isArray(last) && (first[0] !== last[0] || first[1] !== last[1]);
}

/**
 * Turns a zod issue into a territory issue. The kind is read from the offending value itself
 * rather than from zod's wording: a number under geometry.coordinates is an out-of-range
 * coordinate, a ring whose ends differ is an open ring.
 */
function toTerritoryIssue(issue: ZodIssue, raw: unknown, index: number, code?: string): TerritoryIssue {
  const path = issue.path.map(String).join(".");
  const where = featureLabel(index, code);
  const base = { index, ...(code ? { code } : {}), ...(path ? { path } : {}) };
  const inCoordinates = issue.path[0] === "geometry" && issue.path[1] === "coordinates";
  const value = valueAt(raw, issue.path);
  if (inCoordinates && issue.code === "custom" && typeof value === "number") {
    const axis = issue.path[issue.path.length - 1] === 0 ? "longitude" : "latitude";
    const position = issue.path.slice(0, -1).map(String).join(".");
    return {
      ...base,
      problem: "coordinate_out_of_range",
      message: `${where}: ${axis} ${value} at ${position} is out of range (${issue.message})`,
    };
  }
  if (inCoordinates && issue.code === "custom" && isOpenRing(value)) {
    return {
      ...base,
      problem: "ring_not_closed",
      message: `${where}: the ring at ${path} is not closed; its last position must repeat its first`,
    };
  }
  return { ...base, problem: "invalid_feature", message: `${where}: ${path ? `${path}: ` : ""}${issue.message}` };
}

/** Parses one raw feature with the shared schema and explains every way it fails. */
export function parseTerritoryFeature(raw: unknown, index: number): ParsedFeature {
  const result = territoryFeatureSchema.safeParse(raw);
  if (result.success) return { feature: result.data, issues: [] };
  const code = rawCodeOf(raw);
  const all = result.error.issues.map((issue) => toTerritoryIssue(issue, raw, index, code));
  const issues = all.slice(0, MAX_ISSUES_PER_FEATURE);
  const last = issues[issues.length - 1];
  if (last && all.length > issues.length) {
    last.message += ` (and ${all.length - issues.length} more problems in this feature)`;
  }
  return { issues };
}
