import { encodeRing } from "@gridrisk/server/map/gridBoundaries";
import { expect } from "chai";
import { fromDisplay, toDisplay } from "../../client/src/map/coordinates";
import { decodeRing, filtersFromSearch, searchOfFilters } from "../../client/src/map/mapFilters";

describe("map logic shared by server and browser", () => {
  it("shifts a point to GCJ-02 for display and a tap back to WGS-84 within a metre", () => {
    const [lng, lat] = [119.01, 33.51];
    expect(toDisplay("wgs84", lng, lat)).to.deep.equal([lng, lat]);
    const [gx, gy] = toDisplay("gcj02", lng, lat);
    expect(Math.abs(gx - lng)).to.be.within(0.003, 0.01);
    const [bx, by] = fromDisplay("gcj02", gx, gy);
    expect(Math.abs(bx - lng)).to.be.lessThan(1e-5);
    expect(Math.abs(by - lat)).to.be.lessThan(1e-5);
  });

  it("decodes a delta-encoded ring back to its positions, dropping repeats", () => {
    const flat = [119.0, 33.6, 119.1, 33.6, 119.1, 33.6, 119.1, 33.7, 119.0, 33.6];
    const encoded = encodeRing(flat);
    expect(encoded).to.have.length(8);
    expect(decodeRing(encoded, 1e5)).to.deep.equal([
      [33.6, 119.0],
      [33.6, 119.1],
      [33.7, 119.1],
      [33.6, 119.0],
    ]);
  });

  it("reads the filters from the URL and writes them back, dropping what is unknown", () => {
    const filters = filtersFromSearch("?status=handling,bogus&severity=major&days=30&overdue=true&region=xyz");
    expect(filters).to.deep.equal({
      status: ["handling"],
      severity: ["major"],
      category: [],
      days: 30,
      overdue: true,
      shade: false,
    });
    expect(searchOfFilters(filters)).to.equal("?status=handling&severity=major&days=30&overdue=true");
    expect(filtersFromSearch("").days).to.equal(90);
  });
});
