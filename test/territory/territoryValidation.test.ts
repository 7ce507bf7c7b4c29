import type { TerritoryProblem } from "@gridrisk/server/territory/validation/territoryIssue";
import { validateTerritory } from "@gridrisk/server/territory/validation/validateTerritory";
import type { BoundaryGeometry, RegionLevel, TerritoryFeature } from "@gridrisk/shared";
import { expect } from "chai";

// A community of about 1 km × 1.1 km in Huai'an, split into two grids side by side.
const WEST = 119.0;
const SOUTH = 33.6;

/** A counter-clockwise rectangle, its corners given in thousandths of a degree from (WEST, SOUTH). */
function rectangle(west: number, south: number, east: number, north: number): BoundaryGeometry {
  const [x0, y0, x1, y1] = [west, south, east, north].map((value, index) => (index % 2 ? SOUTH : WEST) + value / 1000);
  return {
    type: "Polygon",
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ].map(([lng, lat]) => [lng as number, lat as number]),
    ],
  };
}

function region(code: string, level: RegionLevel, parentCode: string | undefined, geometry: BoundaryGeometry | null) {
  const properties = { code, name: `${code}区域`, level, ...(parentCode ? { parentCode } : {}) };
  return { type: "Feature", properties, geometry } as TerritoryFeature;
}

/** City → district → township → community → two grids, all valid. */
function validTerritory(): TerritoryFeature[] {
  return [
    region("320800", "city", undefined, rectangle(0, 0, 10, 10)),
    region("320812", "district", "320800", rectangle(0, 0, 10, 10)),
    region("320812001", "township", "320812", null),
    region("320812001001", "community", "320812001", rectangle(0, 0, 10, 10)),
    region("320812001001001", "grid", "320812001001", rectangle(0, 0, 5, 10)),
    region("320812001001002", "grid", "320812001001", rectangle(5, 0, 10, 10)),
  ];
}

type Raw = Record<string, any>;
const GRID = 4;
const SECOND_GRID = 5;

describe("territory validation", () => {
  it("accepts a valid territory and returns its features and counts", () => {
    const report = validateTerritory(validTerritory());
    expect(report.errors).to.deep.equal([]);
    expect(report.warnings).to.deep.equal([]);
    expect(report.ok).to.equal(true);
    expect(report.valid).to.have.length(6);
    expect(report.counts).to.deep.equal({ city: 1, district: 1, township: 1, community: 1, grid: 2 });
  });

  const cases: {
    name: string;
    change: (feature: Raw) => void;
    problem: TerritoryProblem;
    index: number;
    code?: string;
    path?: string;
    mentions: string[];
  }[] = [
    {
      name: "an open ring",
      change: (feature) => feature.geometry.coordinates[0].pop(),
      problem: "ring_not_closed",
      index: GRID,
      code: "320812001001001",
      path: "geometry.coordinates.0",
      mentions: ["#4", "320812001001001", "not closed"],
    },
    {
      name: "a longitude out of range",
      change: (feature) => {
        feature.geometry.coordinates[0][2] = [200, 33.61];
      },
      problem: "coordinate_out_of_range",
      index: GRID,
      code: "320812001001001",
      path: "geometry.coordinates.0.2.0",
      mentions: ["320812001001001", "longitude 200", "-180 and 180"],
    },
    {
      name: "a latitude out of range",
      change: (feature) => {
        feature.geometry.coordinates[0][1] = [119.005, -91];
      },
      problem: "coordinate_out_of_range",
      index: GRID,
      code: "320812001001001",
      path: "geometry.coordinates.0.1.1",
      mentions: ["latitude -91"],
    },
    {
      name: "a bowtie ring",
      change: (feature) => {
        const [west, south, east, north] = [WEST, SOUTH, WEST + 0.005, SOUTH + 0.01];
        feature.geometry.coordinates = [
          [
            [west, south],
            [east, north],
            [east, south],
            [west, north],
            [west, south],
          ],
        ];
      },
      problem: "self_intersection",
      index: GRID,
      code: "320812001001001",
      path: "geometry.coordinates.0",
      mentions: ["320812001001001", "crosses itself"],
    },
    {
      name: "two overlapping sibling grids",
      change: (feature) => {
        feature.geometry = rectangle(4, 0, 10, 10);
      },
      problem: "sibling_overlap",
      index: SECOND_GRID,
      code: "320812001001002",
      mentions: ["320812001001001", "320812001001002", "overlap by", "km²"],
    },
    {
      name: "a grid whose parent is missing",
      change: (feature) => {
        feature.properties.parentCode = "320812001009";
      },
      problem: "missing_parent",
      index: SECOND_GRID,
      code: "320812001001002",
      path: "properties.parentCode",
      mentions: ["320812001009", "neither in the file nor already stored"],
    },
    {
      name: "a district without parentCode",
      change: (feature) => {
        delete feature.properties.parentCode;
      },
      problem: "missing_parent",
      index: 1,
      code: "320812",
      mentions: ["needs a parentCode"],
    },
    {
      name: "a duplicate code",
      change: (feature) => {
        feature.properties.code = "320812001001001";
      },
      problem: "duplicate_code",
      index: SECOND_GRID,
      code: "320812001001001",
      path: "properties.code",
      mentions: ["already used by feature #4"],
    },
    {
      name: "a grid without geometry",
      change: (feature) => {
        feature.geometry = null;
      },
      problem: "grid_without_geometry",
      index: SECOND_GRID,
      code: "320812001001002",
      path: "geometry",
      mentions: ["needs a boundary"],
    },
    {
      name: "a grid whose parent is a township",
      change: (feature) => {
        feature.properties.parentCode = "320812001";
      },
      problem: "wrong_parent_level",
      index: SECOND_GRID,
      code: "320812001001002",
      mentions: ["must be a community", "320812001 is a township"],
    },
    {
      name: "a city with a parent",
      change: (feature) => {
        feature.properties.parentCode = "320000";
      },
      problem: "wrong_parent_level",
      index: 0,
      code: "320800",
      mentions: ["a city has no parent"],
    },
    {
      name: "an unknown level",
      change: (feature) => {
        feature.properties.level = "village";
      },
      problem: "invalid_feature",
      index: SECOND_GRID,
      code: "320812001001002",
      path: "properties.level",
      mentions: ["#5 (320812001001002)", "properties.level", "must be one of"],
    },
    {
      name: "a point geometry",
      change: (feature) => {
        feature.geometry = { type: "Point", coordinates: [119.001, 33.601] };
      },
      problem: "invalid_feature",
      index: GRID,
      code: "320812001001001",
      path: "geometry.type",
      mentions: ['"Polygon" or "MultiPolygon"'],
    },
  ];

  for (const { name, change, problem, index, code, path, mentions } of cases) {
    it(`reports ${name} as ${problem}`, () => {
      const features = structuredClone(validTerritory()) as Raw[];
      change(features[index] as Raw);
      const report = validateTerritory(features);
      expect(report.ok).to.equal(false);
      expect(report.valid).to.deep.equal([]);
      const issue = report.errors.find((error) => error.problem === problem);
      expect(issue, JSON.stringify(report.errors)).to.not.equal(undefined);
      expect(issue?.index).to.equal(index);
      if (code) expect(issue?.code).to.equal(code);
      if (path) expect(issue?.path).to.equal(path);
      for (const text of mentions) expect(issue?.message).to.include(text);
    });
  }

  it("accepts a grid whose parent is already stored", () => {
    const grid = validTerritory()[GRID] as TerritoryFeature;
    expect(validateTerritory([grid]).errors.map((error) => error.problem)).to.deep.equal(["missing_parent"]);
    const report = validateTerritory([grid], { existing: new Map([["320812001001", "community"]]) });
    expect(report.errors).to.deep.equal([]);
    expect(report.ok).to.equal(true);
    expect(report.valid).to.deep.equal([grid]);
  });

  it("checks the level of a stored parent", () => {
    const grid = validTerritory()[GRID] as TerritoryFeature;
    const report = validateTerritory([grid], { existing: new Map([["320812001001", "township"]]) });
    expect(report.errors.map((error) => error.problem)).to.deep.equal(["wrong_parent_level"]);
  });

  it("warns about the part of a community its grids leave uncovered, without failing", () => {
    const features = validTerritory();
    (features[SECOND_GRID] as TerritoryFeature).geometry = rectangle(6, 0, 10, 10);
    const report = validateTerritory(features);
    expect(report.ok).to.equal(true);
    expect(report.warnings).to.have.length(1);
    expect(report.warnings[0]).to.include({ problem: "gap", index: 3, code: "320812001001" });
    expect(report.warnings[0]?.message).to.match(/0\.10\d km² of this community is not covered/);
  });

  it("tolerates overlaps and gaps within the given tolerances", () => {
    const features = validTerritory();
    (features[SECOND_GRID] as TerritoryFeature).geometry = rectangle(4.999, 0, 10, 10);
    expect(validateTerritory(features).errors.map((error) => error.problem)).to.deep.equal(["sibling_overlap"]);
    expect(validateTerritory(features, { overlapToleranceM2: 200 }).ok).to.equal(true);
    (features[SECOND_GRID] as TerritoryFeature).geometry = rectangle(5.001, 0, 10, 10);
    expect(validateTerritory(features).warnings.map((warning) => warning.problem)).to.deep.equal(["gap"]);
    expect(validateTerritory(features, { gapToleranceM2: 200 }).warnings).to.deep.equal([]);
  });

  it("names the feature of something that is not a feature at all", () => {
    const report = validateTerritory([42]);
    expect(report.errors).to.have.length(1);
    expect(report.errors[0]).to.include({ index: 0, problem: "invalid_feature" });
    expect(report.errors[0]?.message).to.match(/^feature #0: /);
  });

  it("reports at most five problems of one feature, saying how many more there are", () => {
    const features = structuredClone(validTerritory()) as Raw[];
    // Coordinates in metres (a projected file) put every position out of range.
    (features[GRID] as Raw).geometry.coordinates[0] = [
      [500000, 3700000],
      [500500, 3700000],
      [500500, 3701000],
      [500000, 3701000],
      [500000, 3700000],
    ];
    const errors = validateTerritory(features).errors.filter((error) => error.index === GRID);
    expect(errors).to.have.length(5);
    expect(errors.every((error) => error.problem === "coordinate_out_of_range")).to.equal(true);
    expect(errors[4]?.message).to.include("(and 5 more problems in this feature)");
  });

  it("does not orphan the children of a parent that failed to parse", () => {
    const features = structuredClone(validTerritory()) as Raw[];
    (features[3] as Raw).geometry.coordinates[0][2] = [119.01, 95];
    const report = validateTerritory(features);
    expect(report.errors.map((error) => error.problem)).to.deep.equal(["coordinate_out_of_range"]);
  });
});
