import { type BoundaryGeometry, type Position, polygonsOf } from "@gridrisk/shared";
import { Delaunay } from "d3-delaunay";
import pointInPolygon from "point-in-polygon-hao";
import { intersection } from "polyclip-ts";
import { bboxOf } from "../geometryMeasures";
import { roundedBoundary } from "./roundedBoundary";
import { randomBetween, type SeededRandom } from "./seededRandom";

/** How a parent is split. */
export interface TilingRequest {
  /** The region to split. */
  parent: BoundaryGeometry;
  /** How many children it gets. */
  count: number;
  /** Where the first seeds should go, as [lng, lat]; seeds are picked at random when absent or outside. */
  anchors?: readonly Position[];
}

// Candidates per seed in best-candidate sampling: more gives evener cells, 8 is plenty to the eye.
const CANDIDATES_PER_SEED = 8;
const MAX_ATTEMPTS = 20;

function isInside(geometry: BoundaryGeometry, point: Position): boolean {
  // Strictly inside: a seed on the border could leave its cell with no area inside the parent.
  return polygonsOf(geometry).some((rings) => pointInPolygon(point, rings) === true);
}

/**
 * Seeds spread over the parent by best-candidate sampling (of a few random points, keep the one
 * farthest from the seeds so far), so cells come out of comparable size without looking regular.
 */
function sampleSeeds(request: TilingRequest, random: SeededRandom): Position[] {
  const { minLng, minLat, maxLng, maxLat } = bboxOf(request.parent);
  const seeds = (request.anchors ?? []).filter((anchor) => isInside(request.parent, anchor)).slice(0, request.count);
  const randomInside = (): Position => {
    for (;;) {
      const point: Position = [randomBetween(random, minLng, maxLng), randomBetween(random, minLat, maxLat)];
      if (isInside(request.parent, point)) return point;
    }
  };
  while (seeds.length < request.count) {
    let best = randomInside();
    let bestDistance = -1;
    for (let candidate = 0; candidate < CANDIDATES_PER_SEED && seeds.length > 0; candidate++) {
      const point = candidate === 0 ? best : randomInside();
      const distance = Math.min(...seeds.map(([x, y]) => (x - point[0]) ** 2 + (y - point[1]) ** 2));
      if (distance > bestDistance) [best, bestDistance] = [point, distance];
    }
    seeds.push(best);
  }
  return seeds;
}

/**
 * Splits a parent into `count` children that cover it without overlap: the Voronoi cells of
 * seeds inside the parent, each clipped to the parent. Neighbouring cells of one diagram share
 * their edge vertex for vertex, so siblings meet exactly. Seeds are drawn again when a cell
 * comes out empty after rounding, so the count always holds.
 */
export function tileWithVoronoi(request: TilingRequest, random: SeededRandom): BoundaryGeometry[] {
  if (request.count === 1) return [request.parent];
  const { minLng, minLat, maxLng, maxLat } = bboxOf(request.parent);
  // A frame well beyond the parent, so that the frame's own clipping never reaches inside it.
  const margin = Math.max(maxLng - minLng, maxLat - minLat);
  const frame: [number, number, number, number] = [minLng - margin, minLat - margin, maxLng + margin, maxLat + margin];
  const parentPolygons = polygonsOf(request.parent);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const seeds = sampleSeeds(attempt === 0 ? request : { ...request, anchors: [] }, random);
    const voronoi = Delaunay.from(seeds).voronoi(frame);
    const children: BoundaryGeometry[] = [];
    for (let index = 0; index < seeds.length; index++) {
      const cell = voronoi.cellPolygon(index) as Position[] | null;
      const child = cell && roundedBoundary(intersection([cell], parentPolygons));
      if (!child) break;
      children.push(child);
    }
    if (children.length === request.count) return children;
  }
  throw new Error(`could not split a region into ${request.count} non-empty parts`);
}
