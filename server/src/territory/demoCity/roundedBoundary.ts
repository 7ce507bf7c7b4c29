import type { BoundaryGeometry, Position, Ring } from "@gridrisk/shared";

/** 6 decimals of a degree is about 0.1 m: finer than any boundary survey, and short to store. */
const SCALE = 1e6;

/** A coordinate rounded to 6 decimals. Every boundary goes through here so that shared vertices stay equal. */
export function roundCoordinate(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

/** Twice the signed planar area of a closed ring: positive when counter-clockwise. */
function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length - 1; index++) {
    const [x0, y0] = ring[index] as Position;
    const [x1, y1] = ring[index + 1] as Position;
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}

/** The ring rounded, without repeated consecutive positions, closed; undefined when nothing with an area is left. */
function roundRing(ring: readonly Position[], counterClockwise: boolean): Ring | undefined {
  const rounded: Ring = [];
  for (const [lng, lat] of ring) {
    const position: Position = [roundCoordinate(lng), roundCoordinate(lat)];
    const previous = rounded[rounded.length - 1];
    if (!previous || previous[0] !== position[0] || previous[1] !== position[1]) rounded.push(position);
  }
  const first = rounded[0];
  const last = rounded[rounded.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) rounded.push([first[0], first[1]]);
  if (rounded.length < 4) return undefined;
  const area = signedArea2(rounded);
  if (area === 0) return undefined;
  // RFC 7946: outer rings counter-clockwise, holes clockwise.
  return area > 0 === counterClockwise ? rounded : rounded.reverse();
}

/**
 * Polygons (as polyclip-ts returns them) rounded to 6 decimals and wound as RFC 7946 asks, with
 * parts and holes that rounding flattened dropped; undefined when no part is left.
 */
export function roundedBoundary(polygons: readonly (readonly (readonly Position[])[])[]): BoundaryGeometry | undefined {
  const parts: Ring[][] = [];
  for (const [outer, ...holes] of polygons) {
    const outline = outer && roundRing(outer, true);
    if (!outline) continue;
    const kept = holes.map((hole) => roundRing(hole, false)).filter((hole): hole is Ring => hole !== undefined);
    parts.push([outline, ...kept]);
  }
  return parts.length === 0 ? undefined : boundaryOf(parts);
}

/** A Polygon for one part, a MultiPolygon for several. */
export function boundaryOf(parts: Ring[][]): BoundaryGeometry {
  return parts.length === 1
    ? { type: "Polygon", coordinates: parts[0] as Ring[] }
    : { type: "MultiPolygon", coordinates: parts };
}
