import gcoord from "gcoord";

/** The datum the tiles are drawn in. */
export type TileDatum = "wgs84" | "gcj02";

/**
 * Positions are WGS-84 everywhere but on the screen: over GCJ-02 tiles (AMap, Tencent) a point
 * must be shifted to land on the right street, and a tap shifted back before it is stored.
 */
export function toDisplay(datum: TileDatum, lng: number, lat: number): [number, number] {
  if (datum === "wgs84") return [lng, lat];
  return gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
}

/** The WGS-84 position of a point on a map drawn in `datum`. */
export function fromDisplay(datum: TileDatum, lng: number, lat: number): [number, number] {
  if (datum === "wgs84") return [lng, lat];
  return gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
}
