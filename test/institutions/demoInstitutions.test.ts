import { type DemoGrid, type DemoInstitution, generateDemoInstitutions } from "@gridrisk/server/seed/demoInstitutions";
import {
  DEFAULT_EARLY_WARNING_RULES,
  FUND_SUPERVISION_STATUSES,
  INSTITUTION_TYPES,
  institutionInputSchema,
  isValidCreditCode,
  LICENCE_STATUSES,
  licenceExpiryFirings,
} from "@gridrisk/shared";
import { expect } from "chai";

const SIZE = 0.01;

/** A square grid SIZE degrees wide with its south-west corner at (west, south). */
function squareGrid(code: string, districtCode: string, west: number, south: number): DemoGrid {
  return {
    code,
    districtCode,
    centroid: { lng: west + SIZE / 2, lat: south + SIZE / 2 },
    contains: (lng, lat) => lng >= west && lng < west + SIZE && lat >= south && lat < south + SIZE,
  };
}

// Six columns of twelve grids near Huai'an: two columns of 清江浦区, one each of 淮安区 and 涟水县, one of
// a development zone, and one whose district code is no division code (the generator falls back to 320800).
const COLUMNS = ["320812", "320812", "320803", "320826", "320871", "zone-x"];
const GRIDS: DemoGrid[] = COLUMNS.flatMap((districtCode, column) =>
  Array.from({ length: 12 }, (_, row) =>
    squareGrid(`G-${column}-${String(row).padStart(2, "0")}`, districtCode, 119 + column * SIZE, 33.5 + row * SIZE),
  ),
);

/** The share of institutions per key, every key present. */
function shares<K extends string>(
  institutions: DemoInstitution[],
  keys: readonly K[],
  of: (institution: DemoInstitution) => string,
): Record<K, number> {
  const counts = new Map<string, number>();
  for (const institution of institutions) counts.set(of(institution), (counts.get(of(institution)) ?? 0) + 1);
  return Object.fromEntries(keys.map((key) => [key, (counts.get(key) ?? 0) / institutions.length])) as Record<
    K,
    number
  >;
}

describe("demo institutions", () => {
  const institutions = generateDemoInstitutions(GRIDS);

  it("makes 800 by default, or the count asked for", () => {
    expect(institutions).to.have.length(800);
    expect(generateDemoInstitutions(GRIDS, { count: 25 })).to.have.length(25);
    expect(generateDemoInstitutions([], { count: 0 })).to.deep.equal([]);
    expect(() => generateDemoInstitutions([])).to.throw(RangeError);
    expect(() => generateDemoInstitutions(GRIDS, { count: -1 })).to.throw(RangeError);
  });

  it("is the same for the same seed and different for another", () => {
    expect(generateDemoInstitutions(GRIDS, { seed: 7, count: 200 })).to.deep.equal(
      generateDemoInstitutions(GRIDS, { seed: 7, count: 200 }),
    );
    expect(generateDemoInstitutions(GRIDS)).to.deep.equal(institutions);
    const other = generateDemoInstitutions(GRIDS, { seed: 8, count: 200 });
    expect(other.map((i) => i.name)).not.to.deep.equal(institutions.slice(0, 200).map((i) => i.name));
  });

  it("makes every one pass the input schema, with a valid credit code", () => {
    for (const { gridCode, ...input } of institutions) {
      const parsed = institutionInputSchema.safeParse(input);
      expect(parsed.success, `${input.name}: ${JSON.stringify(parsed.error?.issues)}`).to.equal(true);
      expect(isValidCreditCode(input.creditCode), input.creditCode).to.equal(true);
      expect(gridCode).to.match(/^G-\d-\d\d$/);
    }
  });

  it("gives unique names and credit codes, registered in the institution's district", () => {
    expect(new Set(institutions.map((i) => i.name)).size).to.equal(institutions.length);
    expect(new Set(institutions.map((i) => i.creditCode)).size).to.equal(institutions.length);
    for (const institution of institutions) {
      const district = COLUMNS[Number(institution.gridCode.charAt(2))];
      const division = district === "zone-x" ? "320800" : district;
      expect(institution.creditCode.slice(2, 8), institution.name).to.equal(division);
      expect(institution.creditCode.slice(0, 2)).to.be.oneOf(["52", "91", "92"]);
      expect(institution.name).to.match(/^(淮安|江苏)/);
      expect(institution.address).to.match(/^淮安市.+\d+号/);
    }
    expect(institutions.find((i) => i.gridCode.startsWith("G-0-"))?.address).to.match(/^淮安市清江浦区/);
  });

  it("places each inside its grid, more of them in the dense districts", () => {
    const byCode = new Map(GRIDS.map((grid) => [grid.code, grid]));
    for (const { gridCode, location } of institutions) {
      expect(byCode.get(gridCode)?.contains(location.lng, location.lat), gridCode).to.equal(true);
    }
    const perColumn = shares(institutions, ["0", "1", "2", "3", "4", "5"] as const, (i) => i.gridCode.charAt(2));
    const qingjiangpu = (perColumn["0"] + perColumn["1"]) / 2;
    expect(qingjiangpu).to.be.greaterThan(perColumn["3"] * 2);
    expect(perColumn["2"]).to.be.greaterThan(perColumn["3"] * 1.5);
  });

  it("finds room in a tiny grid and in a ring around its centroid, and falls back to the centroid", () => {
    const tiny: DemoGrid = {
      ...squareGrid("tiny", "320812", 119, 33.5),
      contains: (lng, lat) => Math.abs(lng - 119.005) < 0.0002 && Math.abs(lat - 33.505) < 0.0002,
    };
    const ring: DemoGrid = {
      ...squareGrid("ring", "320812", 119, 33.5),
      contains: (lng, lat) => {
        const reach = Math.max(Math.abs(lng - 119.005), Math.abs(lat - 33.505));
        return reach >= 0.004 && reach < 0.008;
      },
    };
    for (const grid of [tiny, ring]) {
      for (const { location } of generateDemoInstitutions([grid], { count: 30 })) {
        expect(grid.contains(location.lng, location.lat), grid.code).to.equal(true);
      }
    }
    const nowhere: DemoGrid = { ...squareGrid("nowhere", "320812", 119, 33.5), contains: () => false };
    const [lost] = generateDemoInstitutions([nowhere], { count: 1 });
    expect(lost?.location).to.deep.equal(nowhere.centroid);
  });

  for (const seed of [1, 2, 20221114]) {
    it(`has a realistic mix after 双减 (seed ${seed})`, () => {
      const sample = generateDemoInstitutions(GRIDS, { seed });
      const type = shares(sample, INSTITUTION_TYPES, (i) => i.type);
      expect(type.subject).to.be.within(0.08, 0.16);
      for (const kind of ["sports", "arts", "science_technology", "other_non_subject"] as const) {
        expect(type[kind], kind).to.be.within(0.08, 0.45);
      }
      const licence = shares(sample, LICENCE_STATUSES, (i) => i.licenceStatus);
      expect(licence.licensed).to.be.within(0.65, 0.82);
      expect(licence.pending).to.be.within(0.09, 0.2);
      expect(licence.unlicensed).to.be.within(0.02, 0.09);
      expect(licence.suspended).to.be.within(0.01, 0.07);
      expect(licence.revoked).to.be.within(0.01, 0.06);
      const fund = shares(sample, FUND_SUPERVISION_STATUSES, (i) => i.fundSupervision);
      expect(fund.supervised).to.be.within(0.44, 0.6);
      expect(fund.partial).to.be.within(0.18, 0.32);
      expect(fund.not_supervised).to.be.within(0.12, 0.25);
      expect(fund.abnormal).to.be.within(0.02, 0.09);
      const subjects = sample.filter((i) => i.type === "subject");
      // Subject institutions are non-profit (52), none awaits approval, and they are all on the platform.
      expect(subjects.every((i) => i.creditCode.startsWith("52"))).to.equal(true);
      expect(subjects.some((i) => i.licenceStatus === "pending")).to.equal(false);
      expect(subjects.some((i) => i.fundSupervision === "partial")).to.equal(false);
      expect(
        sample.filter((i) => i.licenceStatus === "unlicensed").every((i) => i.fundSupervision === "not_supervised"),
      ).to.equal(true);
    });
  }

  it("dates licences and class schedules so that a few licences end while classes go on", () => {
    const today = "2026-06-30";
    const sample = generateDemoInstitutions(GRIDS, { today });
    const licensed = sample.filter((i) => i.licenceStatus === "licensed");
    expect(licensed.every((i) => i.licenceValidUntil && i.licenceValidUntil >= "2026-06-20")).to.equal(true);
    expect(
      sample.filter((i) => ["pending", "unlicensed"].includes(i.licenceStatus)).some((i) => i.licenceValidUntil),
    ).to.equal(false);
    expect(sample.filter((i) => i.licenceStatus === "revoked").every((i) => !i.classesScheduledUntil)).to.equal(true);
    const firing = licenceExpiryFirings(
      sample.map((i, index) => ({ institutionId: String(index), ...i })),
      DEFAULT_EARLY_WARNING_RULES.licence_expiry,
      today,
    );
    expect(firing.length).to.be.within(3, 40);
  });
});
