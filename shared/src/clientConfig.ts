/** Body of GET /api/client-config: what the browser needs to know before signing in. */
export interface ClientConfig {
  map: {
    /** XYZ tile URL template; absent when no tile server is configured (maps draw on a plain background). */
    tileUrl?: string;
    attribution?: string;
    /** Subdomains for `{s}` in the template. */
    subdomains?: string;
    /** The datum the tiles are drawn in: GCJ-02 tiles (AMap, Tencent) need positions shifted for display. */
    coordinateSystem: "wgs84" | "gcj02";
  };
}
