import { importTerritory } from "@gridrisk/server/commands/territoryImporter";
import { territory } from "@gridrisk/server/territory/territoryCache";
import type { BoundaryGeometry, RegionLevel, TerritoryFeature } from "@gridrisk/shared";

/** A closed rectangle ring, counter-clockwise. */
export function box(minLng: number, minLat: number, maxLng: number, maxLat: number): [number, number][] {
  return [
    [minLng, minLat],
    [maxLng, minLat],
    [maxLng, maxLat],
    [minLng, maxLat],
    [minLng, minLat],
  ];
}

function feature(
  code: string,
  level: RegionLevel,
  parentCode: string | undefined,
  geometry: BoundaryGeometry | null,
  name = `${level}-${code}`,
): TerritoryFeature {
  return { type: "Feature", properties: { code, name, level, ...(parentCode ? { parentCode } : {}) }, geometry };
}

const rect = (minLng: number, minLat: number, maxLng: number, maxLat: number): BoundaryGeometry => ({
  type: "Polygon",
  coordinates: [box(minLng, minLat, maxLng, maxLat)],
});

/**
 * A small territory with known shapes:
 *
 *   city 320800 [119.0–119.4] × [33.5–33.7]
 *   ├ district 320812 [119.0–119.2]            ├ district 320803 [119.2–119.4]
 *   │ ├ township 320812001 [119.0–119.1]       │ └ township 320803001 → community → grid G4
 *   │ │ └ community 320812001001
 *   │ │   ├ grid G1 [119.0–119.1]×[33.5–33.6], with a hole [119.04–119.06]×[33.54–33.56]
 *   │ │   ├ grid G2 [119.0–119.1]×[33.6–33.7]   (shares the border lat 33.6 with G1)
 *   │ │   └ grid GH, the hole of G1 (an enclave)
 *   │ └ township 320812002 [119.1–119.2] → community → grid G3
 */
export const FIXTURE_FEATURES: TerritoryFeature[] = [
  feature("320800", "city", undefined, rect(119.0, 33.5, 119.4, 33.7), "淮安市"),
  feature("320812", "district", "320800", rect(119.0, 33.5, 119.2, 33.7), "清江浦区"),
  feature("320803", "district", "320800", rect(119.2, 33.5, 119.4, 33.7), "淮安区"),
  feature("320812001", "township", "320812", rect(119.0, 33.5, 119.1, 33.7), "清河街道"),
  feature("320812002", "township", "320812", rect(119.1, 33.5, 119.2, 33.7), "浦楼街道"),
  feature("320803001", "township", "320803", rect(119.2, 33.5, 119.4, 33.7), "淮城街道"),
  feature("320812001001", "community", "320812001", rect(119.0, 33.5, 119.1, 33.7), "清河社区"),
  feature("320812002001", "community", "320812002", rect(119.1, 33.5, 119.2, 33.7), "浦楼社区"),
  feature("320803001001", "community", "320803001", rect(119.2, 33.5, 119.4, 33.7), "淮城社区"),
  feature(
    "320812001001001",
    "grid",
    "320812001001",
    { type: "Polygon", coordinates: [box(119.0, 33.5, 119.1, 33.6), box(119.04, 33.54, 119.06, 33.56).reverse()] },
    "清河社区第1网格",
  ),
  feature("320812001001002", "grid", "320812001001", rect(119.0, 33.6, 119.1, 33.7), "清河社区第2网格"),
  feature("320812001001003", "grid", "320812001001", rect(119.04, 33.54, 119.06, 33.56), "清河社区第3网格"),
  feature("320812002001001", "grid", "320812002001", rect(119.1, 33.5, 119.2, 33.7), "浦楼社区第1网格"),
  feature("320803001001001", "grid", "320803001001", rect(119.2, 33.5, 119.4, 33.7), "淮城社区第1网格"),
];

/** Codes of the fixture's regions by a short name. */
export const FIXTURE = {
  city: "320800",
  district: "320812",
  otherDistrict: "320803",
  township: "320812001",
  township2: "320812002",
  otherTownship: "320803001",
  community: "320812001001",
  grid: "320812001001001",
  gridNorth: "320812001001002",
  gridEnclave: "320812001001003",
  grid2: "320812002001001",
  otherGrid: "320803001001001",
} as const;

/** Imports the fixture territory into the current test database; returns region ids by short name. */
export async function loadTerritoryFixture(): Promise<Record<keyof typeof FIXTURE, string>> {
  const result = await importTerritory(FIXTURE_FEATURES, { dryRun: false });
  if (!result.report.ok) throw new Error(`fixture territory invalid: ${JSON.stringify(result.report.errors)}`);
  const registry = territory();
  return Object.fromEntries(
    Object.entries(FIXTURE).map(([key, code]) => {
      const region = registry.getByCode(code);
      if (!region) throw new Error(`fixture region ${code} not loaded`);
      return [key, region.id];
    }),
  ) as Record<keyof typeof FIXTURE, string>;
}
