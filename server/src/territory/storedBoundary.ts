import type { BoundaryGeometry, Position, Ring } from "@gridrisk/shared";

/**
 * A boundary as stored in the database. GeoJSON nests arrays three or four deep, which FerretDB v1
 * cannot store, so each ring becomes a document holding a flat [lng, lat, lng, lat, …] array.
 */
export interface StoredBoundary {
  type: "Polygon" | "MultiPolygon";
  polygons: { rings: { c: number[] }[] }[];
}

function flattenRing(ring: Ring): { c: number[] } {
  const c: number[] = new Array(ring.length * 2);
  ring.forEach(([lng, lat], index) => {
    c[index * 2] = lng;
    c[index * 2 + 1] = lat;
  });
  return { c };
}

function unflattenRing({ c }: { c: number[] }): Ring {
  const ring: Position[] = new Array(c.length / 2);
  for (let index = 0; index < ring.length; index++) ring[index] = [c[index * 2] ?? 0, c[index * 2 + 1] ?? 0];
  return ring;
}

/** GeoJSON → stored form. */
export function toStoredBoundary(geometry: BoundaryGeometry): StoredBoundary {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return { type: geometry.type, polygons: polygons.map((rings) => ({ rings: rings.map(flattenRing) })) };
}

/** Stored form → GeoJSON. */
export function fromStoredBoundary(stored: StoredBoundary): BoundaryGeometry {
  const polygons = stored.polygons.map((polygon) => polygon.rings.map(unflattenRing));
  return stored.type === "Polygon"
    ? { type: "Polygon", coordinates: polygons[0] ?? [] }
    : { type: "MultiPolygon", coordinates: polygons };
}
