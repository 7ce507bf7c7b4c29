import {
  expandOccurrences,
  inspectionPlanInputSchema,
  type RecurrenceSpec,
  rruleProblem,
  shippedCalendarYear,
} from "@gridrisk/shared";
import { expect } from "chai";

const spec = (overrides: Partial<RecurrenceSpec>): RecurrenceSpec => ({
  startDate: "2026-01-01",
  rdates: [],
  exdates: [],
  periods: [],
  ...overrides,
});
const nine = { start: "09:00", end: "11:30" };
const dates = (occurrences: { date: string }[]) => occurrences.map((occurrence) => occurrence.date);

describe("inspection recurrence (RRULE + RDATE/EXDATE, Asia/Shanghai)", () => {
  it("places each occurrence's window at Shanghai wall-clock time (UTC+8)", () => {
    const [first] = expandOccurrences(spec({ rrule: "FREQ=MONTHLY;BYMONTHDAY=10" }), nine, "2026-01-01", "2026-01-31");
    expect(first?.date).to.equal("2026-01-10");
    expect(first?.startsAt.toISOString()).to.equal("2026-01-10T01:00:00.000Z");
    expect(first?.endsAt.toISOString()).to.equal("2026-01-10T03:30:00.000Z");
  });

  it("keeps a window that starts just after Shanghai midnight on its Shanghai date", () => {
    // 00:30 Shanghai is 16:30 UTC of the day before: the date must stay the Shanghai one.
    const got = expandOccurrences(
      spec({ rrule: "FREQ=WEEKLY;BYDAY=MO" }),
      { start: "00:30", end: "02:00" },
      "2026-03-01",
      "2026-03-10",
    );
    expect(dates(got)).to.deep.equal(["2026-03-02", "2026-03-09"]);
    expect(got[0]?.startsAt.toISOString()).to.equal("2026-03-01T16:30:00.000Z");
  });

  it("counts COUNT from startDate, whatever window is asked for", () => {
    const rule = spec({ rrule: "FREQ=MONTHLY;BYMONTHDAY=10;COUNT=3" });
    expect(dates(expandOccurrences(rule, nine, "2026-01-01", "2026-12-31"))).to.deep.equal([
      "2026-01-10",
      "2026-02-10",
      "2026-03-10",
    ]);
    expect(dates(expandOccurrences(rule, nine, "2026-02-15", "2026-12-31"))).to.deep.equal(["2026-03-10"]);
  });

  it("includes the whole day of a date-only UNTIL, even when the window starts later that day", () => {
    const got = expandOccurrences(
      spec({ rrule: "FREQ=WEEKLY;BYDAY=SU;UNTIL=20260201", startDate: "2026-01-18" }),
      { start: "15:00", end: "17:00" },
      "2026-01-01",
      "2026-03-31",
    );
    expect(dates(got)).to.deep.equal(["2026-01-18", "2026-01-25", "2026-02-01"]);
  });

  it("adds RDATEs, removes EXDATEs (also from RDATEs) and keeps each date once, in order", () => {
    const got = expandOccurrences(
      spec({
        rrule: "FREQ=MONTHLY;BYMONTHDAY=1",
        rdates: ["2026-02-17", "2026-03-01", "2026-02-20"],
        exdates: ["2026-02-01", "2026-02-20"],
      }),
      nine,
      "2026-01-15",
      "2026-03-31",
    );
    expect(dates(got)).to.deep.equal(["2026-02-17", "2026-03-01"]);
  });

  it("stays within startDate and endDate, and works with dates alone", () => {
    const got = expandOccurrences(
      spec({ startDate: "2026-05-01", endDate: "2026-05-31", rdates: ["2026-04-30", "2026-05-02", "2026-06-01"] }),
      nine,
      "2026-01-01",
      "2026-12-31",
    );
    expect(dates(got)).to.deep.equal(["2026-05-02"]);
  });

  it("visits the first day or every day of a named calendar period, in every year listed", () => {
    const periods = [2026, 2027].flatMap((year) => shippedCalendarYear(year)?.periods ?? []);
    const first = expandOccurrences(
      spec({ periods: [{ name: "国庆节", days: "first" }] }),
      nine,
      "2026-01-01",
      "2027-12-31",
      periods,
    );
    expect(dates(first)).to.deep.equal(["2026-10-01", "2027-10-01"]);
    const all = expandOccurrences(
      spec({ periods: [{ name: "劳动节", days: "all" }], exdates: ["2026-05-03"] }),
      nine,
      "2026-01-01",
      "2026-12-31",
      periods,
    );
    expect(dates(all)).to.deep.equal(["2026-05-01", "2026-05-02", "2026-05-04", "2026-05-05"]);
  });

  it("reports the parser's message for an invalid RRULE", () => {
    expect(rruleProblem("FREQ=MONTHLY;BYMONTHDAY=10")).to.equal(undefined);
    expect(rruleProblem("FOO=1")).to.equal("Unknown RRULE property 'FOO'");
    expect(rruleProblem("FREQ=DAILY;UNTIL=2026")).to.equal("Invalid UNTIL value: 2026");
    expect(rruleProblem("INTERVAL=2")).to.equal("FREQ is required (RFC 5545)");
    const parsed = inspectionPlanInputSchema.shape.recurrence.safeParse({
      startDate: "2026-01-01",
      rrule: "FREQ=HOURLYISH",
    });
    expect(parsed.success).to.equal(false);
    expect(parsed.error?.issues[0]?.path).to.deep.equal(["rrule"]);
    expect(parsed.error?.issues[0]?.message).to.match(/^is not a valid RRULE: /);
  });
});
