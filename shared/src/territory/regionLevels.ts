/** The territory tree, top to bottom: 市 → 县/区 → 乡镇/街道 → 社区/村 → 网格. */
export const REGION_LEVELS = ["city", "district", "township", "community", "grid"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Depth of a level: city 0 … grid 4. */
export function levelDepth(level: RegionLevel): number {
  return REGION_LEVELS.indexOf(level);
}

/** The level a child of `level` has, or undefined for a grid. */
export function childLevel(level: RegionLevel): RegionLevel | undefined {
  return REGION_LEVELS[levelDepth(level) + 1];
}

/** The level a parent of `level` has, or undefined for the city. */
export function parentLevel(level: RegionLevel): RegionLevel | undefined {
  const depth = levelDepth(level);
  return depth > 0 ? REGION_LEVELS[depth - 1] : undefined;
}
