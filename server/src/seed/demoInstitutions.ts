import {
  addDaysToDateKey,
  CREDIT_CODE_CHARACTERS,
  composeCreditCode,
  type FundSupervisionStatus,
  type InstitutionInput,
  type InstitutionType,
  isSubjectType,
  isValidCreditCode,
  type LicenceStatus,
  type LngLat,
  shanghaiDateKey,
} from "@gridrisk/shared";
import { createSeededRandom, randomItem, type SeededRandom } from "../territory/demoCity/seededRandom";
import { type DemoRegistrationType, demoAddress, demoContact, demoInstitutionName } from "./demoInstitutionNames";
import { randomChance, randomCharacters, randomNormal, randomWeighted } from "./randomDraws";

/** A grid as the institution seed needs it. */
export interface DemoGrid {
  /** The grid's region code, copied to the institutions placed in it. */
  code: string;
  /** Code of its district, e.g. 320812; the first 6 digits become the credit codes' division code. */
  districtCode: string;
  /** A point near its middle; institutions are scattered around it. */
  centroid: LngLat;
  /** Whether a point lies inside the grid. */
  contains(lng: number, lat: number): boolean;
}

/** A demo institution: what a user would post, plus the grid it was placed in. */
export type DemoInstitution = InstitutionInput & { gridCode: string };

/** Options of generateDemoInstitutions. */
export interface DemoInstitutionOptions {
  /** Seed of the random source: the same seed and grids give the same institutions. */
  seed?: number;
  /** How many institutions to make. */
  count?: number;
  /** The day licence and class dates are drawn around, "YYYY-MM-DD"; default today in Shanghai. */
  today?: string;
}

// The seed's news report is dated 2022-11-14; its city had 778 subject institutions before 双减.
const DEFAULT_SEED = 20221114;
const DEFAULT_COUNT = 800;

// Where the city's training market is: the urban core (清江浦区 is the centre, then 淮安区, 淮阴区).
const DISTRICT_DENSITY: Record<string, number> = { "320812": 4, "320803": 3, "320804": 2 };
const CITY_DIVISION_CODE = "320800";

const SUBJECT_SHARE = 0.12;
const NON_SUBJECT_TYPE_WEIGHTS = { arts: 38, sports: 30, science_technology: 17, other_non_subject: 15 };
const NON_SUBJECT_REGISTRATION_WEIGHTS: Record<DemoRegistrationType, number> = { "91": 55, "52": 30, "92": 15 };

// No new subject institution is approved after 双减 (none pending) and the city keeps cutting them back.
// Every non-subject institution was to be approved within 2022, so many are still pending.
const LICENCE_WEIGHTS: Record<"subject" | "nonSubject", Record<LicenceStatus, number>> = {
  subject: { licensed: 72, pending: 0, unlicensed: 8, suspended: 10, revoked: 10 },
  nonSubject: { licensed: 74, pending: 16, unlicensed: 5, suspended: 3, revoked: 2 },
};
// Every subject institution is on the prepaid-fee platform (一课一消); banks only watch the others' accounts.
const FUND_WEIGHTS: Record<"subject" | "nonSubject", Record<FundSupervisionStatus, number>> = {
  subject: { supervised: 92, partial: 0, not_supervised: 0, abnormal: 8 },
  nonSubject: { supervised: 50, partial: 30, not_supervised: 15, abnormal: 5 },
};

const STUDENT_RANGES: Record<InstitutionType, [number, number]> = {
  subject: [40, 600],
  sports: [20, 400],
  arts: [15, 500],
  science_technology: [10, 300],
  other_non_subject: [10, 250],
};

// What a grid worker would have written down about the risky ones.
const NOTES: Partial<Record<LicenceStatus | FundSupervisionStatus, string>> = {
  unlicensed: "联合检查发现无证办学，已责令停止招生。",
  suspended: "停业整顿中，整改验收前不得招生。",
  revoked: "办学许可已注销，预收费退费由属地跟进。",
  abnormal: "监管账户资金异常划转，银行监测已预警。",
};

// About half an urban grid's width. Smaller radii catch small grids; larger ones catch a concave grid
// whose centroid lies outside it.
const PLACEMENT_RADII_DEGREES = [0.003, 0.0015, 0.00075, 0.006, 0.012];
const PLACEMENT_ATTEMPTS_PER_RADIUS = 6;
const UNIQUE_ATTEMPTS = 100;

/** A deterministic register of training institutions spread over the grids, clustered in the urban core. */
export function generateDemoInstitutions(
  grids: readonly DemoGrid[],
  options: DemoInstitutionOptions = {},
): DemoInstitution[] {
  const count = options.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 0) throw new RangeError("count must be a whole number, 0 or more");
  if (count === 0) return [];
  if (grids.length === 0) throw new RangeError("generateDemoInstitutions needs at least one grid");
  const random = createSeededRandom(options.seed ?? DEFAULT_SEED);
  // A stream of its own for the dates, so that adding them left every other field as it was.
  const dateRandom = createSeededRandom((options.seed ?? DEFAULT_SEED) + 1);
  const today = options.today ?? shanghaiDateKey(new Date());
  const pickGrid = gridPicker(grids, random);
  const names = new Set<string>();
  const codes = new Set<string>();
  const institutions: DemoInstitution[] = [];
  for (let i = 0; i < count; i++) {
    const grid = pickGrid();
    const type: InstitutionType = randomChance(random, SUBJECT_SHARE)
      ? "subject"
      : randomWeighted(random, NON_SUBJECT_TYPE_WEIGHTS);
    const mix = isSubjectType(type) ? "subject" : "nonSubject";
    // After 双减 every subject institution had to become a non-profit (营转非 100%).
    const registrationType = mix === "subject" ? "52" : randomWeighted(random, NON_SUBJECT_REGISTRATION_WEIGHTS);
    const licenceStatus = randomWeighted(random, LICENCE_WEIGHTS[mix]);
    // An unlicensed institution is unknown to the platform and the banks, so nothing of it is supervised.
    const fundSupervision =
      licenceStatus === "unlicensed" ? "not_supervised" : randomWeighted(random, FUND_WEIGHTS[mix]);
    const name = unique(names, "name", (attempt) =>
      demoInstitutionName(random, { type, registrationType, districtCode: grid.districtCode, longBrand: attempt > 30 }),
    );
    const creditCode = unique(codes, "credit code", () => demoCreditCode(random, registrationType, grid.districtCode));
    const institution: DemoInstitution = {
      name,
      creditCode,
      type,
      licenceStatus,
      fundSupervision,
      address: demoAddress(random, grid.districtCode),
      location: placeInGrid(grid, random),
      contact: demoContact(random),
      gridCode: grid.code,
    };
    Object.assign(institution, demoLicenceDates(dateRandom, licenceStatus, today));
    const studentCount = demoStudentCount(random, type, licenceStatus);
    if (studentCount !== undefined) institution.studentCount = studentCount;
    const notes = [NOTES[licenceStatus], NOTES[fundSupervision]].filter(Boolean).join("");
    if (notes) institution.notes = notes;
    institutions.push(institution);
  }
  return institutions;
}

/** Draws grids in proportion to their district's density times a skewed per-grid factor, so a few grids are hot spots. */
function gridPicker(grids: readonly DemoGrid[], random: SeededRandom): () => DemoGrid {
  const cumulative: number[] = [];
  let total = 0;
  for (const grid of grids) {
    total += (DISTRICT_DENSITY[grid.districtCode] ?? 1) * (0.25 + 3 * random() ** 3);
    cumulative.push(total);
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    const grid = grids[low];
    if (!grid) throw new Error("gridPicker ran past its grids");
    return grid;
  };
}

/** Draws values until one is new, then remembers it. */
function unique(used: Set<string>, what: string, make: (attempt: number) => string): string {
  for (let attempt = 1; attempt <= UNIQUE_ATTEMPTS; attempt++) {
    const value = make(attempt);
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
  throw new Error(`could not make a unique demo institution ${what}; ask for fewer institutions`);
}

/**
 * A valid credit code registered in the district. The organisation code looks like those issued since
 * 2015 (MA… for market regulation, MJ… for civil affairs) or, for some, like an older numeric one.
 */
function demoCreditCode(random: SeededRandom, registrationType: DemoRegistrationType, districtCode: string): string {
  const modern = registrationType === "92" || randomChance(random, 0.75);
  const organizationBody = modern
    ? (registrationType === "52" ? "MJ" : "MA") + randomCharacters(random, CREDIT_CODE_CHARACTERS, 6)
    : (registrationType === "52" ? "5" : randomItem(random, ["6", "7"])) + randomCharacters(random, "0123456789", 7);
  // A district code that is no division code (a development zone's own code, say) falls back to the city's.
  const divisionCode = /^\d{6}/.test(districtCode) ? districtCode.slice(0, 6) : CITY_DIVISION_CODE;
  const code = composeCreditCode({ registrationType, divisionCode, organizationBody });
  if (isValidCreditCode(code)) return code;
  return composeCreditCode({ registrationType, divisionCode: CITY_DIVISION_CODE, organizationBody });
}

/** A point inside the grid near its centroid, or the centroid itself when sampling keeps missing. */
function placeInGrid(grid: DemoGrid, random: SeededRandom): LngLat {
  for (const radius of PLACEMENT_RADII_DEGREES) {
    for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS_PER_RADIUS; attempt++) {
      // Six decimals (~0.1 m) is what a phone reports; round before testing so the stored point is inside.
      const lng = Math.round((grid.centroid.lng + randomNormal(random) * radius) * 1e6) / 1e6;
      const lat = Math.round((grid.centroid.lat + randomNormal(random) * radius) * 1e6) / 1e6;
      if (grid.contains(lng, lat)) return { lng, lat };
    }
  }
  return { lng: grid.centroid.lng, lat: grid.centroid.lat };
}

/** Enrolment as last reported: absent for some, none once revoked, mostly small otherwise. */
function demoStudentCount(random: SeededRandom, type: InstitutionType, licence: LicenceStatus): number | undefined {
  if (randomChance(random, 0.1)) return undefined;
  if (licence === "revoked") return 0;
  const [min, max] = STUDENT_RANGES[type];
  return min + Math.floor((max - min) * random() ** 2);
}

/**
 * The licence's last valid day and the last day of scheduled classes: licences run up to three
 * years (a few have just expired or are about to), classes are sold up to half a year ahead; an
 * unlicensed or pending institution has no licence date, a revoked one no classes.
 */
function demoLicenceDates(
  random: SeededRandom,
  licence: LicenceStatus,
  today: string,
): Pick<DemoInstitution, "licenceValidUntil" | "classesScheduledUntil"> {
  const dates: Pick<DemoInstitution, "licenceValidUntil" | "classesScheduledUntil"> = {};
  if (licence === "licensed" || licence === "suspended")
    dates.licenceValidUntil = addDaysToDateKey(today, -10 + Math.floor(random() * 1100));
  if (licence === "revoked") dates.licenceValidUntil = addDaysToDateKey(today, -Math.floor(random() * 365) - 1);
  if (licence !== "revoked" && randomChance(random, 0.85)) {
    dates.classesScheduledUntil = addDaysToDateKey(today, Math.floor(random() * 180));
  }
  return dates;
}
