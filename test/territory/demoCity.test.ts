import { generateDemoCity } from "@gridrisk/server/territory/demoCity/generateDemoCity";
import { validateTerritory } from "@gridrisk/server/territory/validation/validateTerritory";
import { polygonsOf, REGION_LEVELS, type TerritoryFeature, territoryFeatureSchema } from "@gridrisk/shared";
import { expect } from "chai";

const SMALL = { districts: 2, townshipsPerDistrict: 2, communitiesPerTownship: 2, gridsPerCommunity: 3 };

function countByLevel(features: readonly TerritoryFeature[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { properties } of features) counts[properties.level] = (counts[properties.level] ?? 0) + 1;
  return counts;
}

/** Twice the signed planar area of a ring: positive when counter-clockwise. */
function signedArea2(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let at = 0; at < ring.length - 1; at++) {
    const [x0, y0] = ring[at] as [number, number];
    const [x1, y1] = ring[at + 1] as [number, number];
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}

describe("demo city generator", () => {
  it("gives the same city for the same seed and another for another seed", () => {
    const first = generateDemoCity({ ...SMALL, seed: 7 });
    expect(generateDemoCity({ ...SMALL, seed: 7 })).to.deep.equal(first);
    const other = generateDemoCity({ ...SMALL, seed: 8 });
    expect(other).to.not.deep.equal(first);
    expect(other.map((feature) => feature.geometry)).to.not.deep.equal(first.map((feature) => feature.geometry));
  });

  const sizes = [
    { options: SMALL, counts: { city: 1, district: 2, township: 4, community: 8, grid: 24 } },
    {
      options: { districts: 1, townshipsPerDistrict: 1, communitiesPerTownship: 1, gridsPerCommunity: 1 },
      counts: { city: 1, district: 1, township: 1, community: 1, grid: 1 },
    },
    {
      options: { districts: 3, townshipsPerDistrict: 4, communitiesPerTownship: 2, gridsPerCommunity: 7 },
      counts: { city: 1, district: 3, township: 12, community: 24, grid: 168 },
    },
  ];
  for (const { options, counts } of sizes) {
    it(`makes ${Object.values(counts).join("/")} regions for ${JSON.stringify(options)}`, () => {
      const features = generateDemoCity(options);
      expect(countByLevel(features)).to.deep.equal(counts);
      const report = validateTerritory(features, { overlapToleranceM2: 0, gapToleranceM2: 0 });
      expect([...report.errors, ...report.warnings]).to.deep.equal([]);
    });
  }

  it("lists parents before children, with codes and names built from their parent's", () => {
    const features = generateDemoCity(SMALL);
    const byCode = new Map<string, TerritoryFeature>();
    for (const feature of features) {
      const { code, level, parentCode, name } = feature.properties;
      expect(byCode.has(code), code).to.equal(false);
      if (level === "city") {
        expect(feature.properties).to.include({ code: "320800", name: "淮安市", nameEn: "Huai'an" });
        expect(parentCode).to.equal(undefined);
      } else {
        const parent = byCode.get(parentCode ?? "")?.properties;
        expect(parent, `parent of ${code}`).to.not.equal(undefined);
        expect(REGION_LEVELS.indexOf(level)).to.equal(REGION_LEVELS.indexOf(parent?.level ?? "city") + 1);
        if (level !== "district") expect(code).to.match(new RegExp(`^${parentCode}\\d{3}$`));
        if (level === "grid") expect(name).to.match(new RegExp(`^${parent?.name}第[1-3]网格$`));
      }
      if (level === "township") expect(name).to.match(/(街道|镇)$/);
      if (level === "community") expect(name).to.match(/(社区|村)$/);
      byCode.set(code, feature);
    }
    const districts = features.filter((feature) => feature.properties.level === "district");
    expect(districts.map(({ properties }) => [properties.code, properties.name, properties.nameEn])).to.deep.equal([
      ["320812", "清江浦区", "Qingjiangpu District"],
      ["320803", "淮安区", "Huai'an District"],
    ]);
  });

  it("gives names unique within their parent", () => {
    const features = generateDemoCity({
      districts: 1,
      townshipsPerDistrict: 40,
      communitiesPerTownship: 1,
      gridsPerCommunity: 1,
    });
    const townships = features.filter((feature) => feature.properties.level === "township");
    expect(new Set(townships.map((feature) => feature.properties.name.replace(/(街道|镇)$/, ""))).size).to.equal(40);
  });

  it("draws valid GeoJSON: closed rings, outer rings counter-clockwise, 6 decimals, near Huai'an", () => {
    for (const feature of generateDemoCity(SMALL)) {
      expect(territoryFeatureSchema.safeParse(feature).success).to.equal(true);
      for (const rings of polygonsOf(feature.geometry ?? { type: "Polygon", coordinates: [] })) {
        rings.forEach((ring, index) => {
          expect(ring[0]).to.deep.equal(ring[ring.length - 1]);
          expect(signedArea2(ring) > 0, `ring ${index} of ${feature.properties.code}`).to.equal(index === 0);
          for (const [lng, lat] of ring) {
            expect(Math.round(lng * 1e6) / 1e6).to.equal(lng);
            expect(lng).to.be.within(118.2, 119.8);
            expect(lat).to.be.within(32.9, 34.3);
          }
        });
      }
    }
  });

  it("refuses sizes it cannot code", () => {
    expect(() => generateDemoCity({ districts: 11 })).to.throw(
      RangeError,
      "districts must be a whole number from 1 to 10",
    );
    expect(() => generateDemoCity({ gridsPerCommunity: 0 })).to.throw(RangeError, "gridsPerCommunity");
    expect(() => generateDemoCity({ townshipsPerDistrict: 2.5 })).to.throw(RangeError, "townshipsPerDistrict");
  });

  describe("at the default size", function () {
    this.timeout(60_000);
    let features: TerritoryFeature[] = [];
    before(() => {
      features = generateDemoCity();
    });

    it("has 1 city, 10 districts, 100 townships, 600 communities and 3,000 grids", () => {
      expect(countByLevel(features)).to.deep.equal({
        city: 1,
        district: 10,
        township: 100,
        community: 600,
        grid: 3000,
      });
    });

    it("passes validation with no overlap and no gap", () => {
      const report = validateTerritory(features);
      expect(report.errors).to.deep.equal([]);
      expect(report.warnings).to.deep.equal([]);
      expect(report.ok).to.equal(true);
      expect(report.valid).to.have.length(3711);
    });
  });
});
