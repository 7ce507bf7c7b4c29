import {
  currentCalendar,
  currentDeadlinePolicy,
  reloadCalendar,
  reloadCalendarIfChanged,
} from "@gridrisk/server/calendar/calendarStore";
import { CalendarYearModel } from "@gridrisk/server/models/calendarYear";
import { DeadlinePolicySettingModel } from "@gridrisk/server/models/deadlinePolicySetting";
import type { RunningServer } from "@gridrisk/server/server";
import { DEFAULT_DEADLINE_POLICY, isWorkingDay, shippedCalendarYear } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("calendar API: working calendar and deadline policy", () => {
  useTestDatabase();
  let server: RunningServer;
  const tokens: Record<string, string> = {};
  const call = (method: string, path: string, who?: string, body?: unknown) =>
    request(`${server.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(who ? bearer(tokens[who] ?? "") : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  // 2026 as shipped, plus a local day off on Monday 2 March (e.g. a city-wide closure).
  const edited2026 = () => {
    const shipped = shippedCalendarYear(2026);
    if (!shipped) throw new Error("2026 is not shipped");
    const { year: _year, ...input } = shipped;
    return { ...input, notice: "test edit", holidays: [...input.holidays, "2026-03-02"] };
  };

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    for (const who of ["admin", "officer", "worker"]) tokens[who] = await signInAs(server.url, who);
  });
  after(() => server.close());

  describe("requests", () => {
    // Leave the in-memory calendar as shipped for the test files that run after this one.
    after(async () => {
      await CalendarYearModel.deleteMany({});
      await DeadlinePolicySettingModel.deleteMany({});
      await reloadCalendar();
    });

    it("answers 401 without a token", async () => {
      expect((await call("GET", "/api/calendar/2026")).status).to.equal(401);
      expect((await call("PUT", "/api/calendar/2026", undefined, edited2026())).status).to.equal(401);
      expect((await call("GET", "/api/calendar/policy/deadlines")).status).to.equal(401);
      expect((await call("PUT", "/api/calendar/policy/deadlines", undefined, DEFAULT_DEADLINE_POLICY)).status).to.equal(
        401,
      );
    });

    it("shows anyone signed in the shipped year when none is stored", async () => {
      const res = await call("GET", "/api/calendar/2026", "worker");
      expect(res.status).to.equal(200);
      expect(res.body.calendar.source).to.equal("shipped");
      expect(res.body.calendar.year).to.equal(2026);
      expect(res.body.calendar.provisional).to.equal(false);
      expect(res.body.calendar.holidays).to.include("2026-02-16");
      expect(res.body.calendar.workdays).to.include("2026-02-14");
      const provisional = await call("GET", "/api/calendar/2027", "worker");
      expect(provisional.body.calendar.provisional).to.equal(true);
    });

    it("answers 404 for a year neither stored nor shipped, 400 for a malformed year", async () => {
      const missing = await call("GET", "/api/calendar/2035", "worker");
      expect(missing.status).to.equal(404);
      expect(missing.body.error.message).to.equal("Calendar year 2035 was not found.");
      const malformed = await call("GET", "/api/calendar/26", "worker");
      expect(malformed.status).to.equal(400);
      expect(malformed.body.error.message).to.equal("params.year: must be a year written with four digits, e.g. 2026");
    });

    it("answers 400 naming each bad field of a year", async () => {
      const body = { ...edited2026(), holidays: ["2025-12-31", "2026-10-01", "2026-10-01"], workdays: ["2026-10-01"] };
      const res = await call("PUT", "/api/calendar/2026", "admin", body);
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal("validation_failed");
      expect(res.body.error.message).to.equal(
        "body.holidays.0: 2025-12-31 is not in 2026; body.holidays.2: 2026-10-01 is listed twice; " +
          "body.workdays.0: 2026-10-01 is also a holiday",
      );
      expect(res.body.error.details.issues).to.have.length(3);
    });

    it("answers 403 to a PUT by anyone but the admin", async () => {
      const res = await call("PUT", "/api/calendar/2026", "officer", edited2026());
      expect(res.status).to.equal(403);
      expect(res.body.error.message).to.equal("The role township_officer may not update calendars.");
      expect((await call("PUT", "/api/calendar/policy/deadlines", "worker", DEFAULT_DEADLINE_POLICY)).status).to.equal(
        403,
      );
    });

    it("stores the admin's year, shows it as stored, and the next currentCalendar() counts with it", async () => {
      const monday = new Date("2026-03-02T10:00:00+08:00");
      expect(isWorkingDay(monday, currentCalendar())).to.equal(true);
      const res = await call("PUT", "/api/calendar/2026", "admin", edited2026());
      expect(res.status).to.equal(200);
      expect(res.body.calendar.source).to.equal("stored");
      expect(res.body.calendar.notice).to.equal("test edit");
      expect(res.body.calendar.holidays).to.include("2026-03-02");
      expect(isWorkingDay(monday, currentCalendar())).to.equal(false);

      const read = await call("GET", "/api/calendar/2026", "worker");
      expect(read.body.calendar.source).to.equal("stored");
      expect(read.body.calendar.holidays).to.deep.equal([...edited2026().holidays].sort());
      expect(Object.keys(read.body.calendar).sort()).to.deep.equal([
        "holidays",
        "notice",
        "periods",
        "provisional",
        "source",
        "updatedAt",
        "workdays",
        "year",
      ]);
      expect(await reloadCalendarIfChanged()).to.equal(false);
    });

    it("adds a year nothing was shipped for", async () => {
      const res = await call("PUT", "/api/calendar/2028", "admin", {
        provisional: true,
        holidays: ["2028-01-03"],
        workdays: [],
        periods: [],
      });
      expect(res.status).to.equal(200);
      expect(isWorkingDay(new Date("2028-01-03T10:00:00+08:00"), currentCalendar())).to.equal(false);
    });

    it("shows the default deadline policy, then stores the admin's", async () => {
      const shown = await call("GET", "/api/calendar/policy/deadlines", "worker");
      expect(shown.status).to.equal(200);
      expect(shown.body).to.deep.equal({ policy: DEFAULT_DEADLINE_POLICY, source: "default" });

      const bad = structuredClone(DEFAULT_DEADLINE_POLICY) as any;
      bad.assessment.very_serious.amount = -5;
      const rejected = await call("PUT", "/api/calendar/policy/deadlines", "admin", bad);
      expect(rejected.status).to.equal(400);
      expect(rejected.body.error.message).to.equal("body.assessment.very_serious.amount: must be more than 0");

      const edited = structuredClone(DEFAULT_DEADLINE_POLICY);
      edited.assessment.very_serious = { amount: 15, unit: "minutes", basis: "natural" };
      const saved = await call("PUT", "/api/calendar/policy/deadlines", "admin", edited);
      expect(saved.status).to.equal(200);
      expect(saved.body.source).to.equal("stored");
      expect(saved.body.policy).to.deep.equal(edited);
      expect(currentDeadlinePolicy().assessment.very_serious.amount).to.equal(15);
      const read = await call("GET", "/api/calendar/policy/deadlines", "officer");
      expect(read.body.policy).to.deep.equal(edited);
    });

    it("picks up a change made by another instance", async () => {
      await CalendarYearModel.deleteOne({ _id: "2028" });
      expect(await reloadCalendarIfChanged()).to.equal(true);
      expect(isWorkingDay(new Date("2028-01-03T10:00:00+08:00"), currentCalendar())).to.equal(true);
    });
  });
});
