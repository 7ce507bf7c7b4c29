import type { Position, Ring } from "@gridrisk/shared";
import area from "@turf/area";

// About 100 m: short enough that an edge's bow in turf's area formula stays under a square metre.
const MAX_EDGE_DEGREES = 0.001;

function densified(ring: Ring): Ring {
  const dense: Ring = [];
  for (let at = 0; at < ring.length - 1; at++) {
    const [x0, y0] = ring[at] as Position;
    const [x1, y1] = ring[at + 1] as Position;
    const steps = Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / MAX_EDGE_DEGREES);
    for (let step = 0; step < steps; step++)
      dense.push([x0 + ((x1 - x0) * step) / steps, y0 + ((y1 - y0) * step) / steps]);
  }
  dense.push(ring[ring.length - 1] as Position);
  return dense;
}

/**
 * Geodesic area in m² of polygons as polyclip-ts returns them (holes subtracted). GeoJSON edges
 * are straight in longitude/latitude, which is how polyclip-ts clips them, while turf's formula
 * takes them as straight in an equal-area projection; over a long edge the two differ by metres.
 * A sliver between a border drawn with and without a midpoint would then weigh thousands of m²,
 * so edges are cut to ~100 m first.
 */
export function geodesicAreaM2(polygons: Ring[][]): number {
  if (polygons.length === 0) return 0;
  return area({ type: "MultiPolygon", coordinates: polygons.map((rings) => rings.map(densified)) });
}

/** polyclip-ts throws on some degenerate input; the reason is worth showing to whoever imports the file. */
export function clippingFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
