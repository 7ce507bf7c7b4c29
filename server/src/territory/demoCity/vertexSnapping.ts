import { type BoundaryGeometry, type Position, polygonsOf, type Ring } from "@gridrisk/shared";
import { boundaryOf } from "./roundedBoundary";
import { indexVertices, vertexKey as keyOf } from "./vertexIndex";

/**
 * Vertices this close (degrees) are one point rounded two ways: two crossing points computed on
 * different levels, a step apart on the 6-decimal lattice.
 */
const SAME_POINT = 1.5e-6;

/** The ring without repeated positions and without spikes (…, a, b, a, …), which rounding can leave. */
function cleanRing(ring: readonly Position[]): Ring | undefined {
  const kept: Ring = [];
  for (const position of ring) {
    const top = kept[kept.length - 1];
    if (top && keyOf(top) === keyOf(position)) continue;
    const below = kept[kept.length - 2];
    if (below && keyOf(below) === keyOf(position)) kept.pop();
    else kept.push(position);
  }
  // A spike through the closing point: [a, b, …, b, a] becomes [b, …, b].
  while (kept.length >= 4 && keyOf(kept[1] as Position) === keyOf(kept[kept.length - 2] as Position)) {
    kept.shift();
    kept.pop();
  }
  return kept.length >= 4 ? kept : undefined;
}

/**
 * The geometries with vertices closer than SAME_POINT merged into the first of them met, and the
 * folds that leaves removed. A geometry that would collapse entirely is kept as it was.
 */
export function snapNearbyVertices(geometries: readonly BoundaryGeometry[]): BoundaryGeometry[] {
  const indexed = indexVertices(geometries);
  if (!indexed) return [...geometries];
  const { vertices, tree } = indexed;
  const merged = new Map<string, Position>();
  for (const vertex of vertices) {
    if (merged.has(keyOf(vertex))) continue;
    const [x, y] = vertex;
    for (const near of tree.search(x - SAME_POINT, y - SAME_POINT, x + SAME_POINT, y + SAME_POINT)) {
      const key = keyOf(vertices[near] as Position);
      if (!merged.has(key)) merged.set(key, [x, y]);
    }
  }
  const snapRing = (ring: Ring) =>
    cleanRing(ring.map((position): Position => [...(merged.get(keyOf(position)) ?? position)]));
  return geometries.map((geometry) => {
    const parts: Ring[][] = [];
    for (const [outer, ...holes] of polygonsOf(geometry)) {
      const outline = outer && snapRing(outer);
      if (outline) parts.push([outline, ...holes.map(snapRing).filter((hole): hole is Ring => hole !== undefined)]);
    }
    return parts.length === 0 ? geometry : boundaryOf(parts);
  });
}
