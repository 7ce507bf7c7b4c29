import { createSeededRandom } from "@gridrisk/server/territory/demoCity/seededRandom";
import type { Position, Ring } from "@gridrisk/shared";
import { Delaunay } from "d3-delaunay";

/** Inserts `extra` evenly spaced points on every edge, so polygons have realistic vertex counts. */
function densify(ring: Ring, extra: number): Ring {
  const out: Position[] = [];
  for (let index = 0; index < ring.length - 1; index++) {
    const [x0, y0] = ring[index] as Position;
    const [x1, y1] = ring[index + 1] as Position;
    for (let step = 0; step <= extra; step++) {
      const t = step / (extra + 1);
      out.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
    }
  }
  out.push(out[0] as Position);
  return out;
}

/**
 * `count` grid polygons tiling a city-sized box around Huai'an: Voronoi cells of random points,
 * edges densified to about 30 vertices per polygon. Deterministic for a seed.
 */
export function syntheticGrids(count: number, seed = 7): { code: string; ring: Ring }[] {
  const random = createSeededRandom(seed);
  const bounds = [118.4, 33.1, 119.6, 34.1] as const;
  const points = Float64Array.from({ length: count * 2 }, (_, index) =>
    index % 2 === 0 ? bounds[0] + random() * (bounds[2] - bounds[0]) : bounds[1] + random() * (bounds[3] - bounds[1]),
  );
  const voronoi = new Delaunay(points).voronoi([...bounds]);
  const grids: { code: string; ring: Ring }[] = [];
  for (let index = 0; index < count; index++) {
    const cell = voronoi.cellPolygon(index) as Position[] | null;
    if (cell) grids.push({ code: `G${String(index).padStart(6, "0")}`, ring: densify(cell, 4) });
  }
  return grids;
}
