import type { ClientConfig } from "@gridrisk/shared";
import { Router } from "express";
import type { Config } from "../../env";
import { mapSettingsOf } from "../../map/tileProviders";

/** GET /api/client-config: public settings for the browser (nothing secret). */
export function clientConfigRouter(config: Config): Router {
  const router = Router();
  router.get("/client-config", (_req, res) => {
    const body: ClientConfig = {
      map: mapSettingsOf({
        provider: config.mapTileProvider,
        url: config.mapTileUrl,
        key: config.mapTileKey,
        attribution: config.mapTileAttribution,
      }),
    };
    res.set("Cache-Control", "public, max-age=300").json(body);
  });
  return router;
}
