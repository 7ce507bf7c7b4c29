import { type BoundaryGeometry, type Position, polygonsOf, type Ring } from "@gridrisk/shared";
import { boundaryOf } from "./roundedBoundary";
import { indexVertices, type VertexIndex } from "./vertexIndex";
import { snapNearbyVertices } from "./vertexSnapping";

/**
 * How far (degrees, ~0.15 m) a vertex may lie from a segment and still count as on it: rounding
 * to 6 decimals moves a crossing point up to 0.71e-6 off the border it was computed on, and a
 * border split on one level and crossed again on the next can carry that twice.
 */
const ON_SEGMENT = 1.5e-6;

/** Vertices lying on the open segment from → to, in order from `from`. */
function verticesOnSegment(from: Position, to: Position, { vertices, tree }: VertexIndex): Position[] {
  // Measured from the smaller endpoint, so that a border walked both ways finds the same vertices.
  const forward = from[0] < to[0] || (from[0] === to[0] && from[1] < to[1]);
  const [a, b] = forward ? [from, to] : [to, from];
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return [];
  const found: { position: Position; t: number }[] = [];
  const candidates = tree.search(
    Math.min(a[0], b[0]) - ON_SEGMENT,
    Math.min(a[1], b[1]) - ON_SEGMENT,
    Math.max(a[0], b[0]) + ON_SEGMENT,
    Math.max(a[1], b[1]) + ON_SEGMENT,
  );
  for (const candidate of candidates) {
    const position = vertices[candidate] as Position;
    const t = ((position[0] - a[0]) * dx + (position[1] - a[1]) * dy) / lengthSquared;
    // A vertex next to an endpoint is that endpoint rounded differently, not a point on the
    // segment: inserting it would fold the ring back on itself.
    const margin = ON_SEGMENT / Math.sqrt(lengthSquared);
    if (t <= margin || t >= 1 - margin) continue;
    const cross = (position[0] - a[0]) * dy - (position[1] - a[1]) * dx;
    if (cross * cross <= ON_SEGMENT * ON_SEGMENT * lengthSquared) found.push({ position, t: forward ? t : 1 - t });
  }
  return found.sort((first, second) => first.t - second.t).map(({ position: [x, y] }): Position => [x, y]);
}

function nodeRing(ring: Ring, indexed: VertexIndex): Ring {
  const noded: Ring = [];
  for (let at = 0; at < ring.length - 1; at++) {
    const from = ring[at] as Position;
    noded.push(from, ...verticesOnSegment(from, ring[at + 1] as Position, indexed));
  }
  noded.push(ring[ring.length - 1] as Position);
  return noded;
}

/**
 * The geometries with every vertex of any of them that lies on a segment of another inserted
 * into that segment. Where a child's border meets its parent's, the crossing point is rounded
 * a few centimetres off the parent's edge; over an edge kilometres long that leaves slivers of
 * hundreds of m² between cousins and between a parent and its children. Once both sides carry
 * the same vertices, every shared border is identical, vertex for vertex, at every level.
 */
export function nodeSharedBorders(geometries: readonly BoundaryGeometry[]): BoundaryGeometry[] {
  const snapped = snapNearbyVertices(geometries);
  const indexed = indexVertices(snapped);
  if (!indexed) return snapped;
  return snapped.map((geometry) =>
    boundaryOf(polygonsOf(geometry).map((rings) => rings.map((ring) => nodeRing(ring, indexed)))),
  );
}
