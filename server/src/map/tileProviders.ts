import type { ClientConfig } from "@gridrisk/shared";

/** Tile providers the maps know. */
export const TILE_PROVIDERS = ["xyz", "tianditu", "amap", "tencent"] as const;
export type TileProvider = (typeof TILE_PROVIDERS)[number];

/** What the configuration says about tiles. */
export interface TileSettings {
  provider: TileProvider;
  /** A URL template; for tianditu, amap and tencent it replaces the provider's own (e.g. a local mirror). */
  url?: string | undefined;
  /** Tianditu's key (tk). */
  key?: string | undefined;
  attribution?: string | undefined;
}

const BUILT_IN: Record<Exclude<TileProvider, "xyz">, { url: string; subdomains: string; attribution: string }> = {
  // Vector base map, Web Mercator WMTS; CGCS2000 differs from WGS-84 by centimetres.
  tianditu: {
    url: "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}",
    subdomains: "01234567",
    attribution: "© 天地图",
  },
  amap: {
    url: "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
    subdomains: "1234",
    attribution: "© 高德地图",
  },
  tencent: {
    url: "https://rt{s}.map.gtimg.com/realtimerender?z={z}&x={x}&y={-y}&type=vector&style=0",
    subdomains: "0123",
    attribution: "© 腾讯地图",
  },
};

/**
 * The map settings the browser gets: the tile URL template (none: a plain background), its
 * subdomains, attribution, and the datum the tiles are drawn in. AMap and Tencent draw in GCJ-02
 * (the obfuscated datum Chinese law requires), so the browser shifts positions for display and
 * back for a tap; Tianditu and plain XYZ tiles are treated as WGS-84.
 */
export function mapSettingsOf(settings: TileSettings): ClientConfig["map"] {
  const attribution = settings.attribution ? { attribution: settings.attribution } : {};
  if (settings.provider === "xyz") {
    return { coordinateSystem: "wgs84", ...(settings.url ? { tileUrl: settings.url } : {}), ...attribution };
  }
  const builtIn = BUILT_IN[settings.provider];
  const url = settings.url ?? builtIn.url.replace("{key}", encodeURIComponent(settings.key ?? ""));
  return {
    tileUrl: url,
    ...(url.includes("{s}") ? { subdomains: builtIn.subdomains } : {}),
    attribution: settings.attribution ?? builtIn.attribution,
    coordinateSystem: settings.provider === "tianditu" ? "wgs84" : "gcj02",
  };
}
