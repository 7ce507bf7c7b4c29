import { gzipSync } from "node:zlib";
import { RegionModel } from "../models/region";
import { territory } from "../territory/territoryCache";
import type { RegionSummary, TerritoryRegistry } from "../territory/territoryRegistry";

/** Units of the compact boundaries: 1e-5 degrees, about a metre. */
export const BOUNDARY_SCALE = 1e5;

/**
 * One ring as integers of BOUNDARY_SCALE, the first position absolute and each next one as the
 * difference from the one before; positions that round onto the previous one are dropped.
 */
export function encodeRing(flat: readonly number[]): number[] {
  const encoded: number[] = [];
  let lastX = 0;
  let lastY = 0;
  for (let index = 0; index + 1 < flat.length; index += 2) {
    const x = Math.round((flat[index] as number) * BOUNDARY_SCALE);
    const y = Math.round((flat[index + 1] as number) * BOUNDARY_SCALE);
    if (encoded.length && x === lastX && y === lastY) continue;
    encoded.push(x - lastX, y - lastY);
    lastX = x;
    lastY = y;
  }
  return encoded;
}

/** A grid's boundary in compact form: its id, name, and the outer ring of each polygon. */
export interface CompactGrid {
  id: string;
  name: string;
  /** Ancestors' ids and its own, for filtering by region. */
  path: string[];
  rings: number[][];
}

/** A cached answer: the JSON body, gzipped too, and its ETag. */
export interface BoundariesAnswer {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

/** Keyed by the loaded territory itself: every reload (or another database) builds a new one. */
let cache: { registry: TerritoryRegistry; grids: CompactGrid[]; answers: Map<string, BoundariesAnswer> } | undefined;

async function gridsOfTerritory(): Promise<CompactGrid[]> {
  const registry = territory();
  const docs = await RegionModel.find({ level: "grid" }, { boundary: 1 }).lean();
  return docs.flatMap((doc) => {
    const grid = registry.get(doc._id.toHexString());
    if (!grid || !doc.boundary) return [];
    // Holes are left out: an enclave is a grid of its own and draws over its surroundings.
    const rings = doc.boundary.polygons.flatMap((polygon) =>
      polygon.rings.slice(0, 1).map((ring) => encodeRing(ring.c)),
    );
    return [{ id: grid.id, name: grid.name, path: [...grid.ancestors, grid.id], rings }];
  });
}

/**
 * The boundaries of every grid in `region`, as JSON `{ scale, grids: [{ id, name, rings }] }`,
 * read once per territory version and kept ready (also gzipped) per region.
 */
export async function boundariesOf(region: RegionSummary): Promise<BoundariesAnswer> {
  const registry = territory();
  const version = registry.version;
  if (cache?.registry !== registry) cache = { registry, grids: await gridsOfTerritory(), answers: new Map() };
  const cached = cache.answers.get(region.id);
  if (cached) return cached;
  const depth = region.ancestors.length;
  const grids = cache.grids
    .filter((grid) => grid.path[depth] === region.id)
    .map(({ id, name, rings }) => ({ id, name, rings }));
  const json = Buffer.from(JSON.stringify({ scale: BOUNDARY_SCALE, grids }));
  const answer = { json, gzip: gzipSync(json), etag: `"t${version}-${region.id}"` };
  cache.answers.set(region.id, answer);
  return answer;
}
