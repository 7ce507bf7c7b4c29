import { type BoundaryGeometry, type LngLat, polygonsOf, type Ring } from "@gridrisk/shared";

/** Bounding box in degrees. */
export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Signed planar area and area-weighted centroid terms of a ring (shoelace). */
function ringTerms(ring: Ring): { area: number; cx: number; cy: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let index = 0; index < ring.length - 1; index++) {
    const [x0, y0] = ring[index] as [number, number];
    const [x1, y1] = ring[index + 1] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { area: area / 2, cx, cy };
}

/**
 * Area-weighted centroid, holes subtracted. Planar in degrees, which is accurate enough at the
 * scale of a city; falls back to the first vertex for a degenerate shape.
 */
export function centroidOf(geometry: BoundaryGeometry): LngLat {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const rings of polygonsOf(geometry)) {
    rings.forEach((ring, index) => {
      const terms = ringTerms(ring);
      // Outer rings add, holes subtract, whatever their winding.
      const sign = index === 0 ? Math.sign(terms.area) : -Math.sign(terms.area);
      area += Math.abs(terms.area) * (index === 0 ? 1 : -1);
      cx += terms.cx * sign;
      cy += terms.cy * sign;
    });
  }
  if (Math.abs(area) < 1e-15) {
    const [lng, lat] = polygonsOf(geometry)[0]?.[0]?.[0] ?? [0, 0];
    return { lng, lat };
  }
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return { lng: round(cx / (6 * area)), lat: round(cy / (6 * area)) };
}

/** Bounding box of all outer rings. */
export function bboxOf(geometry: BoundaryGeometry): BBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const rings of polygonsOf(geometry)) {
    for (const [lng, lat] of rings[0] ?? []) {
      if (lng < box.minLng) box.minLng = lng;
      if (lat < box.minLat) box.minLat = lat;
      if (lng > box.maxLng) box.maxLng = lng;
      if (lat > box.maxLat) box.maxLat = lat;
    }
  }
  return box;
}

/** Distance in metres between two points (haversine). */
export function distanceMeters(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
