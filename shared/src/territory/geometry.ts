import { z } from "zod";
import { GEOMETRY_LIMITS } from "../limits";

/** [longitude, latitude], WGS-84, as GeoJSON orders them. */
export type Position = [number, number];
/** A closed ring: first and last positions equal. The first ring of a polygon is its outline, the rest are holes. */
export type Ring = Position[];

export interface PolygonGeometry {
  type: "Polygon";
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: "MultiPolygon";
  coordinates: Ring[][];
}
/** A region boundary as GeoJSON. */
export type BoundaryGeometry = PolygonGeometry | MultiPolygonGeometry;

/** A point as GeoJSON. */
export interface PointGeometry {
  type: "Point";
  coordinates: Position;
}

/** A longitude/latitude pair as the API returns centroids. */
export interface LngLat {
  lng: number;
  lat: number;
}

export const longitudeSchema = z
  .number({ error: "must be a number" })
  .min(-180, "must be between -180 and 180")
  .max(180, "must be between -180 and 180");
export const latitudeSchema = z
  .number({ error: "must be a number" })
  .min(-90, "must be between -90 and 90")
  .max(90, "must be between -90 and 90");

/** A [lng, lat] pair within WGS-84 ranges (a third value, altitude, is tolerated and dropped). */
export const positionSchema = z
  .array(z.number({ error: "must be a number" }))
  .min(2, "a position needs longitude and latitude")
  .max(3, "a position has at most three numbers")
  .superRefine((value, context) => {
    const [lng = 0, lat = 0] = value;
    if (!Number.isFinite(lng) || lng < -180 || lng > 180) {
      context.addIssue({ code: "custom", path: [0], message: "longitude must be between -180 and 180" });
    }
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
      context.addIssue({ code: "custom", path: [1], message: "latitude must be between -90 and 90" });
    }
  })
  .transform((value) => [value[0], value[1]] as Position);

/** A ring: at least 4 positions, first equal to last. */
export const ringSchema = z
  .array(positionSchema)
  .min(4, "a ring needs at least 4 positions (the first repeated at the end)")
  .max(GEOMETRY_LIMITS.maxPositionsPerRing, `a ring has at most ${GEOMETRY_LIMITS.maxPositionsPerRing} positions`)
  .superRefine((ring, context) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      context.addIssue({ code: "custom", message: "ring is not closed: its last position must equal its first" });
    }
  });

const polygonCoordinatesSchema = z
  .array(ringSchema)
  .min(1, "a polygon needs an outer ring")
  .max(GEOMETRY_LIMITS.maxRingsPerPolygon, `a polygon has at most ${GEOMETRY_LIMITS.maxRingsPerPolygon} rings`);

export const polygonSchema = z.object({ type: z.literal("Polygon"), coordinates: polygonCoordinatesSchema });
export const multiPolygonSchema = z.object({
  type: z.literal("MultiPolygon"),
  coordinates: z
    .array(polygonCoordinatesSchema)
    .min(1, "a multipolygon needs at least one polygon")
    .max(
      GEOMETRY_LIMITS.maxPolygonsPerMulti,
      `a multipolygon has at most ${GEOMETRY_LIMITS.maxPolygonsPerMulti} polygons`,
    ),
});
/** A Polygon or MultiPolygon with valid ranges and closed rings (self-intersection is checked by the importer). */
export const boundarySchema = z.discriminatedUnion("type", [polygonSchema, multiPolygonSchema], {
  error: 'must be a GeoJSON geometry of type "Polygon" or "MultiPolygon"',
});

export const pointSchema = z.object({ type: z.literal("Point"), coordinates: positionSchema });

/** The polygons of a boundary, each as its rings. */
export function polygonsOf(geometry: BoundaryGeometry): Ring[][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}
