import {
  calendarYearInputSchema,
  calendarYearParamsSchema,
  DEFAULT_DEADLINE_POLICY,
  deadlinePolicySchema,
  SEVERITIES,
  SHIPPED_CALENDAR_YEARS,
  shippedCalendarYear,
  toFieldIssues,
  weekdayOfDateKey,
} from "@gridrisk/shared";
import { expect } from "chai";
import type { z } from "zod";

/** The field issues of a failed parse, as the API would name them, or [] when it passed. */
function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : toFieldIssues(parsed.error, "body").map((issue) => `${issue.path}: ${issue.message}`);
}

const validYear = () => ({
  holidays: ["2026-10-01", "2026-10-02", "2026-10-03"],
  workdays: ["2026-10-10"],
  periods: [{ name: "国庆节", nameEn: "National Day", kind: "public_holiday", start: "2026-10-01", end: "2026-10-07" }],
});

describe("calendar data shipped for 2026 and 2027", () => {
  for (const shipped of SHIPPED_CALENDAR_YEARS) {
    it(`${shipped.year} passes the schema the admin's edits pass`, () => {
      const { year, ...input } = shipped;
      expect(issuesOf(calendarYearInputSchema(year), input)).to.deep.equal([]);
    });
  }

  it("has the State Council's 2026 arrangement: 33 days off, 6 make-up working days, 7 holidays and 2 vacations", () => {
    const year = shippedCalendarYear(2026);
    expect(year?.provisional).to.equal(false);
    expect(year?.holidays).to.have.length(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(year?.workdays).to.deep.equal([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    expect(year?.periods.map((period) => period.name)).to.deep.equal([
      "元旦",
      "春节",
      "清明节",
      "劳动节",
      "端午节",
      "中秋节",
      "国庆节",
      "寒假",
      "暑假",
    ]);
  });

  it("marks 2027 provisional, with its make-up working days on weekends", () => {
    const year = shippedCalendarYear(2027);
    expect(year?.provisional).to.equal(true);
    expect(year?.workdays.every((date) => [0, 6].includes(weekdayOfDateKey(date)))).to.equal(true);
    expect(year?.holidays).to.include.members(["2027-02-05", "2027-02-08", "2027-06-09", "2027-09-15"]);
    expect(shippedCalendarYear(2028)).to.equal(undefined);
  });
});

describe("calendar year schema", () => {
  it("accepts a valid year and defaults provisional to false", () => {
    const parsed = calendarYearInputSchema(2026).parse(validYear());
    expect(parsed.provisional).to.equal(false);
  });

  const cases: [string, (body: ReturnType<typeof validYear>) => unknown, string[]][] = [
    [
      "a date of another year",
      (body) => ({ ...body, holidays: ["2025-12-31", ...body.holidays] }),
      ["body.holidays.0: 2025-12-31 is not in 2026"],
    ],
    [
      "a date listed twice",
      (body) => ({ ...body, holidays: [...body.holidays, "2026-10-02"] }),
      ["body.holidays.3: 2026-10-02 is listed twice"],
    ],
    [
      "a date both a holiday and a working day",
      (body) => ({ ...body, workdays: ["2026-10-03"] }),
      ["body.workdays.0: 2026-10-03 is also a holiday"],
    ],
    [
      "a make-up working day that is a weekday",
      (body) => ({ ...body, workdays: ["2026-10-09"] }),
      ["body.workdays.0: 2026-10-09 is a Friday: a make-up working day is a Saturday or Sunday"],
    ],
    [
      "a date that does not exist",
      (body) => ({ ...body, holidays: ["2026-02-30"] }),
      ["body.holidays.0: must be a date written YYYY-MM-DD, e.g. 2026-10-01"],
    ],
    [
      "a period that ends before it starts, or in another year",
      (body) => ({
        ...body,
        periods: [
          { ...body.periods[0], start: "2026-10-07", end: "2027-01-01" },
          { ...body.periods[0], end: "2026-09-30" },
        ],
      }),
      ["body.periods.0.end: 2027-01-01 is not in 2026", "body.periods.1.end: must not be before start"],
    ],
    [
      "a missing list and an unknown field",
      ({ workdays: _, ...body }) => ({ ...body, extra: true }),
      ["body.workdays: is required", 'body: Unrecognized key: "extra"'],
    ],
  ];
  for (const [what, change, expected] of cases) {
    it(`rejects ${what}`, () => {
      expect(issuesOf(calendarYearInputSchema(2026), change(validYear()))).to.deep.equal(expected);
    });
  }

  it("reads the :year parameter", () => {
    expect(calendarYearParamsSchema.parse({ year: "2026" })).to.deep.equal({ year: 2026 });
    expect(issuesOf(calendarYearParamsSchema, { year: "26" })).to.deep.equal([
      "body.year: must be a year written with four digits, e.g. 2026",
    ]);
    expect(issuesOf(calendarYearParamsSchema, { year: "1999" })).to.deep.equal(["body.year: must be 2000 or later"]);
  });
});

describe("deadline policy schema", () => {
  it("accepts the default policy, which has a rule for every stage and severity", () => {
    expect(issuesOf(deadlinePolicySchema, DEFAULT_DEADLINE_POLICY)).to.deep.equal([]);
    for (const stage of ["assessment", "handling", "followUp"] as const) {
      expect(Object.keys(DEFAULT_DEADLINE_POLICY[stage]).sort()).to.deep.equal([...SEVERITIES].sort());
    }
  });

  it("keeps the assessment clock shorter as the severity grows", () => {
    const minutes = SEVERITIES.map((severity) => {
      const rule = DEFAULT_DEADLINE_POLICY.assessment[severity];
      return rule.amount * { minutes: 1, hours: 60, days: 1440 }[rule.unit];
    });
    expect(minutes).to.deep.equal([1440, 720, 120, 30]);
  });

  it("names each bad rule", () => {
    const policy = structuredClone(DEFAULT_DEADLINE_POLICY) as any;
    policy.assessment.general = { amount: 0, unit: "hours", basis: "natural" };
    policy.handling.major = { amount: 1.5, unit: "days", basis: "working" };
    policy.handling.general = { amount: 400, unit: "days", basis: "working" };
    policy.followUp.serious = { amount: 7, unit: "weeks", basis: "lunar" };
    delete policy.followUp.general;
    expect(issuesOf(deadlinePolicySchema, policy)).to.deep.equal([
      "body.assessment.general.amount: must be more than 0",
      "body.handling.general.amount: must be at most 366 days",
      "body.handling.major.amount: must be a whole number of days",
      "body.followUp.general: is required",
      "body.followUp.serious.unit: must be one of minutes, hours, days",
      "body.followUp.serious.basis: must be one of natural, working",
    ]);
  });
});
