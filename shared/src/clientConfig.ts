/** Body of GET /api/client-config: what the browser needs to know before signing in. */
export interface ClientConfig {
  map: {
    /** XYZ tile URL template; absent when no tile server is configured (maps draw on a plain background). */
    tileUrl?: string;
    attribution?: string;
  };
}
