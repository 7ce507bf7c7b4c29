import type { BoundaryGeometry, Position, RegionLevel, TerritoryFeature } from "@gridrisk/shared";
import { nodeSharedBorders } from "./borderNoding";
import { demoCityOutline } from "./cityOutline";
import { communityNames, type DemoName, gridName, townshipNames } from "./demoCityNames";
import { DEMO_CITY, DEMO_DISTRICTS } from "./demoDistricts";
import { createSeededRandom, randomBetween, type SeededRandom } from "./seededRandom";
import { tileWithVoronoi } from "./voronoiTiling";

/** Size and seed of a demo city; the defaults give 10 districts, 100 townships, 600 communities, 3,000 grids. */
export interface DemoCityOptions {
  /** Same seed, same city. */
  seed?: number;
  /** Districts, taken in order from Huai'an's ten (at most 10). */
  districts?: number;
  /** Townships (街道/镇) in each district. */
  townshipsPerDistrict?: number;
  /** Communities (社区/村) in each township. */
  communitiesPerTownship?: number;
  /** Grids (网格) in each community. */
  gridsPerCommunity?: number;
}

interface Region extends DemoName {
  code: string;
  level: RegionLevel;
  parentCode?: string;
  geometry: BoundaryGeometry;
  urban: boolean;
}

// Children get a three-digit suffix to their parent's code, as townships do in real division codes.
const MAX_CHILDREN = 999;

function checkedCount(value: number | undefined, fallback: number, max: number, name: string): number {
  const count = value ?? fallback;
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw new RangeError(`${name} must be a whole number from 1 to ${max}, got ${count}`);
  }
  return count;
}

function featureOf({ code, name, nameEn, level, parentCode, geometry }: Region): TerritoryFeature {
  const properties = parentCode ? { code, name, nameEn, level, parentCode } : { code, name, nameEn, level };
  return { type: "Feature", properties, geometry };
}

/** The districts: Voronoi cells around where each really lies, jittered by the seed. */
function districtsOf(city: Region, count: number, random: SeededRandom): Region[] {
  const used = DEMO_DISTRICTS.slice(0, count);
  const [centerLng, centerLat] = DEMO_CITY.center;
  const [radiusLng, radiusLat] = DEMO_CITY.radius;
  const anchors = used.map(
    ({ anchor: [x, y] }): Position => [
      centerLng + radiusLng * (x + randomBetween(random, -0.05, 0.05)),
      centerLat + radiusLat * (y + randomBetween(random, -0.05, 0.05)),
    ],
  );
  const tiles = tileWithVoronoi({ parent: city.geometry, count, anchors }, random);
  return used.map(({ code, name, nameEn, urban }, index) => ({
    code,
    name,
    nameEn,
    urban,
    level: "district",
    parentCode: city.code,
    geometry: tiles[index] as BoundaryGeometry,
  }));
}

/** The children of each parent: tiles of its boundary, coded and named. */
function childrenOf(
  parents: readonly Region[],
  level: RegionLevel,
  count: number,
  random: SeededRandom,
  nameChildren: (parent: Region) => DemoName[],
): Region[] {
  return parents.flatMap((parent) => {
    const names = nameChildren(parent);
    const tiles = tileWithVoronoi({ parent: parent.geometry, count }, random);
    return tiles.map((geometry, index) => ({
      ...(names[index] as DemoName),
      code: `${parent.code}${String(index + 1).padStart(3, "0")}`,
      level,
      parentCode: parent.code,
      geometry,
      urban: parent.urban,
    }));
  });
}

/** Gives every region so far the vertices its neighbours and relatives put on its borders. */
function nodeAll(regions: Region[]): void {
  const noded = nodeSharedBorders(regions.map((region) => region.geometry));
  regions.forEach((region, index) => {
    region.geometry = noded[index] as BoundaryGeometry;
  });
}

/**
 * A plausible territory for 淮安市 as GeoJSON features, parents before children: the city, its
 * districts with their real names and codes, and generated townships, communities and grids that
 * tile their parent without gap or overlap. Deterministic for a given seed.
 */
export function generateDemoCity(options: DemoCityOptions = {}): TerritoryFeature[] {
  const townships = checkedCount(options.townshipsPerDistrict, 10, MAX_CHILDREN, "townshipsPerDistrict");
  const communities = checkedCount(options.communitiesPerTownship, 6, MAX_CHILDREN, "communitiesPerTownship");
  const grids = checkedCount(options.gridsPerCommunity, 5, MAX_CHILDREN, "gridsPerCommunity");
  const districtCount = checkedCount(options.districts, DEMO_DISTRICTS.length, DEMO_DISTRICTS.length, "districts");
  const random = createSeededRandom(options.seed ?? 1);

  const { code, name, nameEn } = DEMO_CITY;
  const geometry: BoundaryGeometry = { type: "Polygon", coordinates: [demoCityOutline(random)] };
  const city: Region = { code, name, nameEn, level: "city", geometry, urban: true };
  let parents = districtsOf(city, districtCount, random);
  const regions = [city, ...parents];
  const levels = [
    { level: "township", count: townships, names: (parent: Region) => townshipNames(random, townships, parent.urban) },
    { level: "community", count: communities, names: (parent: Region) => communityNames(random, communities, parent) },
    {
      level: "grid",
      count: grids,
      names: (parent: Region) => Array.from({ length: grids }, (_, index) => gridName(parent, index + 1)),
    },
  ] as const;
  for (const { level, count, names } of levels) {
    // Noded before they are split, so that the next level's crossing points land on final borders.
    nodeAll(regions);
    parents = childrenOf(parents, level, count, random, names);
    regions.push(...parents);
  }
  nodeAll(regions);
  return regions.map(featureOf);
}
