import { mapSettingsOf } from "@gridrisk/server/map/tileProviders";
import { expect } from "chai";
import { testConfig } from "../helpers/testServer";

describe("map tile providers", () => {
  it("gives plain XYZ tiles as WGS-84, and no tiles at all when no URL is set", () => {
    expect(mapSettingsOf({ provider: "xyz" })).to.deep.equal({ coordinateSystem: "wgs84" });
    expect(
      mapSettingsOf({ provider: "xyz", url: "https://t.example/{z}/{x}/{y}.png", attribution: "© x" }),
    ).to.deep.equal({ coordinateSystem: "wgs84", tileUrl: "https://t.example/{z}/{x}/{y}.png", attribution: "© x" });
  });

  it("builds Tianditu's URL with the key, treated as WGS-84", () => {
    const settings = mapSettingsOf({ provider: "tianditu", key: "abc 123" });
    expect(settings.coordinateSystem).to.equal("wgs84");
    expect(settings.tileUrl).to.include("tk=abc%20123").and.include("TILEMATRIX={z}");
    expect(settings.subdomains).to.equal("01234567");
  });

  it("marks AMap and Tencent tiles as GCJ-02, also from a mirror URL", () => {
    expect(mapSettingsOf({ provider: "amap" })).to.include({ coordinateSystem: "gcj02", subdomains: "1234" });
    expect(mapSettingsOf({ provider: "tencent" }).tileUrl).to.include("{-y}");
    const mirror = mapSettingsOf({ provider: "amap", url: "http://127.0.0.1:9/{z}/{x}/{y}.png" });
    expect(mirror).to.deep.include({ coordinateSystem: "gcj02", tileUrl: "http://127.0.0.1:9/{z}/{x}/{y}.png" });
    expect(mirror.subdomains).to.equal(undefined);
  });

  it("refuses the Tianditu provider without a key, naming the variable", () => {
    expect(() => testConfig({ MAP_TILE_PROVIDER: "tianditu" })).to.throw(/MAP_TILE_KEY.*required for the tianditu/);
    expect(() => testConfig({ MAP_TILE_PROVIDER: "google" })).to.throw(/MAP_TILE_PROVIDER/);
  });
});
