import {
  addWorkingDays,
  addWorkingTime,
  calendarCovers,
  createWorkingCalendar,
  DEFAULT_DEADLINE_POLICY,
  type DeadlineRule,
  deadlineFrom,
  isWorkingDay,
  SHIPPED_CALENDAR_YEARS,
} from "@gridrisk/shared";
import { expect } from "chai";

/** An Asia/Shanghai wall-clock time, "2026-02-13T17:00" or with seconds. */
const at = (local: string) => new Date(`${local}+08:00`);
/** An instant shown back as Asia/Shanghai wall-clock time, for readable failures. */
const local = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19);

const calendar = createWorkingCalendar(SHIPPED_CALENDAR_YEARS);

describe("working calendar: isWorkingDay", () => {
  const cases: [string, boolean, string][] = [
    ["2026-01-04T10:00", true, "Sunday made a working day after New Year (元旦调休)"],
    ["2026-02-13T10:00", true, "the Friday before the Spring Festival"],
    ["2026-02-14T10:00", true, "Saturday made a working day before the Spring Festival"],
    ["2026-02-15T10:00", false, "first day of the Spring Festival block, a Sunday"],
    ["2026-02-16T10:00", false, "New Year's Eve (除夕), a Monday"],
    ["2026-02-20T10:00", false, "a Friday inside the block"],
    ["2026-02-21T10:00", false, "a Saturday inside the block"],
    ["2026-02-23T10:00", false, "last day of the block, a Monday"],
    ["2026-02-24T10:00", true, "the Tuesday after the block"],
    ["2026-02-28T10:00", true, "Saturday made a working day after the Spring Festival"],
    ["2026-03-01T10:00", false, "an ordinary Sunday"],
    ["2026-09-19T10:00", false, "an ordinary Saturday"],
    ["2026-09-20T10:00", true, "Sunday made a working day before National Day"],
    ["2026-09-25T10:00", false, "Mid-Autumn Festival, a Friday"],
    ["2026-09-30T10:00", true, "the Wednesday before National Day"],
    ["2026-10-01T10:00", false, "National Day"],
    ["2026-10-07T10:00", false, "last day of the National Day block, a Wednesday"],
    ["2026-10-08T10:00", true, "the Thursday after the block"],
    ["2026-10-10T10:00", true, "Saturday made a working day after National Day"],
    ["2026-10-11T10:00", false, "the Sunday after it"],
    ["2026-02-14T23:59", true, "the last minute of the make-up Saturday in Shanghai"],
    ["2026-02-15T00:00", false, "midnight in Shanghai, still Saturday 16:00 in UTC"],
    ["2027-02-08T10:00", false, "2027 (provisional): 初三, a Monday"],
    ["2027-01-31T10:00", true, "2027 (provisional): Sunday made a working day before the Spring Festival"],
    ["2025-10-01T10:00", true, "2025, not covered: a Wednesday is a working day"],
    ["2030-01-01T10:00", true, "2030, not covered: a Tuesday is a working day"],
    ["2030-01-05T10:00", false, "2030, not covered: a Saturday is not"],
  ];
  for (const [when, expected, what] of cases) {
    it(`${when}: ${expected ? "working" : "off"} (${what})`, () => {
      expect(isWorkingDay(at(when), calendar)).to.equal(expected);
    });
  }

  it("says which years it knows", () => {
    expect(calendarCovers(at("2026-06-01T10:00"), calendar)).to.equal(true);
    expect(calendarCovers(at("2027-06-01T10:00"), calendar)).to.equal(true);
    expect(calendarCovers(at("2028-06-01T10:00"), calendar)).to.equal(false);
    expect(calendarCovers(at("2028-01-01T00:30"), calendar)).to.equal(false); // still 2027 in UTC
  });
});

describe("working calendar: addWorkingTime", () => {
  const cases: [string, string, number, string][] = [
    ["inside a morning", "2026-03-02T09:00", 60, "2026-03-02T10:00:00"],
    ["ending exactly at noon (due at 12:00, not 13:30)", "2026-03-02T11:00", 60, "2026-03-02T12:00:00"],
    ["across the lunch break", "2026-03-02T11:30", 60, "2026-03-02T14:00:00"],
    ["starting in the lunch break", "2026-03-02T12:30", 30, "2026-03-02T14:00:00"],
    ["starting before opening", "2026-03-02T07:00", 30, "2026-03-02T09:00:00"],
    ["a whole working day (7.5 h)", "2026-03-02T08:30", 450, "2026-03-02T17:30:00"],
    ["one minute more than a working day", "2026-03-02T08:30", 451, "2026-03-03T08:31:00"],
    ["across an evening", "2026-03-02T17:00", 60, "2026-03-03T09:00:00"],
    ["starting in the evening", "2026-03-02T20:00", 30, "2026-03-03T09:00:00"],
    ["across a weekend", "2026-03-06T17:00", 60, "2026-03-09T09:00:00"],
    ["starting on a Sunday", "2026-03-08T10:00", 60, "2026-03-09T09:30:00"],
    ["into the make-up Saturday before the Spring Festival", "2026-02-13T17:00", 60, "2026-02-14T09:00:00"],
    ["across the Spring Festival block", "2026-02-14T17:00", 60, "2026-02-24T09:00:00"],
    ["across the National Day block", "2026-09-30T16:30", 120, "2026-10-08T09:30:00"],
    ["on the make-up Saturday after National Day", "2026-10-10T08:00", 90, "2026-10-10T10:00:00"],
    ["on an ordinary Saturday (waits for Monday)", "2026-10-17T08:00", 90, "2026-10-19T10:00:00"],
    ["keeping the seconds of the start", "2026-03-02T09:00:30", 1, "2026-03-02T09:01:30"],
    ["in a year not covered (2030 New Year counted as Mon–Fri)", "2029-12-31T17:00", 60, "2030-01-01T09:00:00"],
  ];
  for (const [what, start, minutes, due] of cases) {
    it(`${what}: ${start} + ${minutes} min → ${due}`, () => {
      expect(local(addWorkingTime(at(start), minutes, calendar))).to.equal(due);
    });
  }

  it("is due at the start itself for 0 minutes, and refuses a negative duration", () => {
    expect(local(addWorkingTime(at("2026-02-15T10:00"), 0, calendar))).to.equal("2026-02-15T10:00:00");
    expect(() => addWorkingTime(at("2026-03-02T09:00"), -1, calendar)).to.throw(RangeError);
  });

  it("counts the working hours the calendar is given", () => {
    const nineToFive = createWorkingCalendar(SHIPPED_CALENDAR_YEARS, [{ start: "09:00", end: "17:00" }]);
    expect(local(addWorkingTime(at("2026-03-02T16:30"), 60, nineToFive))).to.equal("2026-03-03T09:30:00");
    expect(() => createWorkingCalendar([], [])).to.throw(RangeError);
    expect(() =>
      createWorkingCalendar(
        [],
        [
          { start: "13:00", end: "17:00" },
          { start: "08:00", end: "12:00" },
        ],
      ),
    ).to.throw(RangeError);
    expect(() => createWorkingCalendar([], [{ start: "9:00", end: "17:00" }])).to.throw(RangeError);
  });
});

describe("working calendar: addWorkingDays (the start day is not counted; due at 17:30)", () => {
  const cases: [string, string, number, string][] = [
    ["1 day from a Monday morning", "2026-03-02T10:00", 1, "2026-03-03T17:30:00"],
    ["5 days from a Monday", "2026-03-02T10:00", 5, "2026-03-09T17:30:00"],
    ["1 day from a Friday morning", "2026-03-06T10:00", 1, "2026-03-09T17:30:00"],
    ["1 day from a Friday night", "2026-03-06T21:00", 1, "2026-03-09T17:30:00"],
    ["1 day from a Monday before opening", "2026-03-02T07:00", 1, "2026-03-03T17:30:00"],
    ["1 day from a Saturday", "2026-03-07T10:00", 1, "2026-03-09T17:30:00"],
    ["1 day from before the Spring Festival: the make-up Saturday", "2026-02-13T10:00", 1, "2026-02-14T17:30:00"],
    ["2 days from before the Spring Festival", "2026-02-13T10:00", 2, "2026-02-24T17:30:00"],
    ["from inside the Spring Festival block", "2026-02-18T10:00", 1, "2026-02-24T17:30:00"],
    ["1 day from before National Day", "2026-09-30T10:00", 1, "2026-10-08T17:30:00"],
    ["3 days from before National Day, ending on the make-up Saturday", "2026-09-30T10:00", 3, "2026-10-10T17:30:00"],
    ["in a year not covered", "2030-01-04T10:00", 1, "2030-01-07T17:30:00"],
  ];
  for (const [what, start, days, due] of cases) {
    it(`${what}: ${start} + ${days} → ${due}`, () => {
      expect(local(addWorkingDays(at(start), days, calendar))).to.equal(due);
    });
  }

  it("is due at the start for 0 days, and refuses parts of a day", () => {
    expect(local(addWorkingDays(at("2026-03-02T10:00"), 0, calendar))).to.equal("2026-03-02T10:00:00");
    expect(() => addWorkingDays(at("2026-03-02T10:00"), 1.5, calendar)).to.throw(RangeError);
  });
});

describe("working calendar: deadlineFrom", () => {
  const rule = (amount: number, unit: DeadlineRule["unit"], basis: DeadlineRule["basis"]): DeadlineRule => ({
    amount,
    unit,
    basis,
  });
  const cases: [string, DeadlineRule, string][] = [
    ["30 natural minutes, across midnight", rule(30, "minutes", "natural"), "2026-02-14T00:20:00"],
    ["24 natural hours", rule(24, "hours", "natural"), "2026-02-14T23:50:00"],
    ["7 natural days, same clock time", rule(7, "days", "natural"), "2026-02-20T23:50:00"],
    ["90 working minutes", rule(90, "minutes", "working"), "2026-02-14T10:00:00"],
    ["24 working hours, over the Spring Festival", rule(24, "hours", "working"), "2026-02-26T10:00:00"],
    ["5 working days", rule(5, "days", "working"), "2026-02-27T17:30:00"],
  ];
  // Friday before the Spring Festival, late at night.
  const start = at("2026-02-13T23:50");
  for (const [what, deadlineRule, due] of cases) {
    it(`${what} → ${due}`, () => {
      expect(local(deadlineFrom(start, deadlineRule, calendar))).to.equal(due);
    });
  }

  it("counts natural and working time differently from a start inside working hours", () => {
    const friday = at("2026-02-13T17:00");
    expect(local(deadlineFrom(friday, rule(24, "hours", "natural"), calendar))).to.equal("2026-02-14T17:00:00");
    expect(local(deadlineFrom(friday, rule(24, "hours", "working"), calendar))).to.equal("2026-02-26T09:30:00");
  });

  it("applies the default policy: 30 minutes for a very serious risk at night, 5 working days to handle a major one", () => {
    const saturdayNight = at("2026-02-14T23:00");
    const assessment = DEFAULT_DEADLINE_POLICY.assessment.very_serious;
    expect(local(deadlineFrom(saturdayNight, assessment, calendar))).to.equal("2026-02-14T23:30:00");
    const handling = DEFAULT_DEADLINE_POLICY.handling.major;
    expect(local(deadlineFrom(saturdayNight, handling, calendar))).to.equal("2026-02-28T17:30:00");
  });
});
