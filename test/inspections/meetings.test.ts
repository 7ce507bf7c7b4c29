import { materialisePlan } from "@gridrisk/server/inspections/taskMaterialiser";
import { InspectionPlanModel } from "@gridrisk/server/models/inspectionPlan";
import { InspectionTaskModel } from "@gridrisk/server/models/inspectionTask";
import type { RunningServer } from "@gridrisk/server/server";
import { addDaysToDateKey, quarterlyMeetingRule, shanghaiDateKey } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("joint meetings and the quarterly rule", () => {
  it("judges each district's quarters: met, missed, pending while running, future", () => {
    const rule = quarterlyMeetingRule(
      ["a", "b"],
      [
        { regionId: "a", date: "2026-03-31" },
        { regionId: "a", date: "2026-04-01" },
        { regionId: "a", date: "2026-05-20" },
        { regionId: "b", date: "2026-12-01" },
        { regionId: "b", date: "2025-12-01" },
      ],
      2026,
      "2026-11-26",
    );
    expect(rule[0]?.quarters.map((q) => [q.meetings, q.verdict])).to.deep.equal([
      [1, "met"],
      [2, "met"],
      [0, "missed"],
      [0, "pending"],
    ]);
    expect(rule[1]?.quarters.map((q) => q.verdict)).to.deep.equal(["missed", "missed", "missed", "met"]);
    expect(quarterlyMeetingRule(["a"], [], 2026, "2026-02-01")[0]?.quarters.map((q) => q.verdict)).to.deep.equal([
      "pending",
      "future",
      "future",
      "future",
    ]);
  });

  describe("API", () => {
    useTestDatabase();
    let server: RunningServer;
    let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
    const tokens: Record<string, string> = {};
    let department = "";
    const call = (method: string, path: string, who?: string, body?: unknown) =>
      request(`${server.url}${path}`, {
        method,
        headers: { "Content-Type": "application/json", ...(who ? bearer(tokens[who] ?? "") : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const year = Number(shanghaiDateKey(new Date()).slice(0, 4));

    before(async () => {
      server = await startTestServer();
      ids = await loadTerritoryFixture();
      department = await ensureDepartment(ids.district, "education");
      await createAccount({ username: "city", role: "city_monitor", scope: [ids.city] });
      await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
      await createAccount({ username: "other", role: "district_officer", scope: [ids.otherDistrict] });
      await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
      for (const who of ["city", "district", "other", "worker"]) tokens[who] = await signInAs(server.url, who);
    });
    after(() => server.close());

    const meeting = (overrides: Record<string, unknown> = {}) => ({
      regionId: ids.district,
      date: `${year}-01-15`,
      departmentIds: [department],
      minutes: "通报寒假校外培训专项检查安排",
      decisions: [{ text: "寒假期间开展联合检查" }],
      ...overrides,
    });

    it("walks the ladder: 401, 400, 403, 404, 201", async () => {
      expect((await call("POST", "/api/meetings", undefined, meeting())).status).to.equal(401);
      const bad = await call("POST", "/api/meetings", "district", meeting({ date: "15/01" }));
      expect(bad.status).to.equal(400);
      expect(bad.body.error.details.issues).to.deep.include({
        path: "body.date",
        message: "must be a date written YYYY-MM-DD, e.g. 2026-10-01",
      });
      expect((await call("POST", "/api/meetings", "worker", meeting())).status).to.equal(403);
      expect((await call("POST", "/api/meetings", "other", meeting())).status).to.equal(404);
      const created = await call("POST", "/api/meetings", "district", meeting());
      expect(created.status).to.equal(201);
      expect(created.body.meeting.decisions).to.deep.equal([{ text: "寒假期间开展联合检查", eventIds: [] }]);
    });

    it("shows the city every district's quarters, a district officer only their own", async () => {
      const city = await call("GET", `/api/meetings/quarters?year=${year}`, "city");
      expect(city.status).to.equal(200);
      const byId = Object.fromEntries(
        city.body.items.map((row: { regionId: string; quarters: { verdict: string }[] }) => [
          row.regionId,
          row.quarters,
        ]),
      );
      expect(Object.keys(byId).sort()).to.deep.equal([ids.district, ids.otherDistrict].sort());
      expect(byId[ids.district][0].verdict).to.equal("met");
      expect(byId[ids.otherDistrict][0].verdict).to.not.equal("met");
      const own = await call("GET", `/api/meetings/quarters?year=${year}`, "district");
      expect(own.body.items.map((row: { regionId: string }) => row.regionId)).to.deep.equal([ids.district]);
      expect((await call("GET", "/api/meetings", "other")).body.items).to.deep.equal([]);
    });

    it("makes a meeting plan's records ahead (no targets), once, and counts one only when recorded", async () => {
      const other = await ensureDepartment(ids.otherDistrict, "education");
      const today = shanghaiDateKey(new Date());
      const plan = (overrides: Record<string, unknown> = {}) => ({
        kind: "meeting",
        name: "联席会议（每周）",
        regionId: ids.otherDistrict,
        departmentIds: [other],
        recurrence: { startDate: today, rrule: "FREQ=WEEKLY" },
        window: { start: "14:00", end: "16:00" },
        ...overrides,
      });
      const bad = await call("POST", "/api/inspection-plans", "other", plan({ departmentIds: [], checklist: ["x"] }));
      expect(bad.status).to.equal(400);
      expect(bad.body.error.details.issues).to.deep.include.members([
        { path: "body.departmentIds", message: "must list the departments that meet" },
        { path: "body.checklist", message: "must be left out of a meeting plan (it has no targets)" },
      ]);
      const created = await call("POST", "/api/inspection-plans", "other", plan());
      expect(created.status).to.equal(201);
      expect(created.body.plan).to.include({ kind: "meeting" });
      expect(created.body.plan).to.not.have.property("checklist");
      const planId = created.body.plan.id as string;
      const planned = async () =>
        (await call("GET", "/api/meetings", "other")).body.items.filter(
          (m: { planId: string | null }) => m.planId === planId,
        );
      const first = await planned();
      // Weekly from today, 30 days ahead: 5 records, each to be filled in, no task made.
      expect(first.map((m: { date: string }) => m.date)).to.deep.equal(
        [0, 7, 14, 21, 28].map((days) => addDaysToDateKey(today, days)).reverse(),
      );
      expect(
        first.every((m: { status: string; minutes: string }) => m.status === "planned" && m.minutes === ""),
      ).to.equal(true);
      expect(await InspectionTaskModel.countDocuments({ planId })).to.equal(0);
      const doc = await InspectionPlanModel.findById(planId).lean();
      const again = await Promise.all([materialisePlan(doc as never), materialisePlan(doc as never)]);
      expect(again.map((run) => run.inserted)).to.deep.equal([0, 0]);
      expect(await planned()).to.have.length(5);

      const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
      const verdict = async () =>
        (await call("GET", `/api/meetings/quarters?year=${year}`, "other")).body.items[0].quarters[quarter].verdict;
      expect(await verdict()).to.not.equal("met");
      const meetingId = first.at(-1).id as string;
      const record = { date: today, departmentIds: [other], minutes: "研判寒假校外培训风险", decisions: [] };
      expect((await call("PUT", `/api/meetings/${meetingId}`, "worker", record)).status).to.equal(403);
      expect((await call("PUT", `/api/meetings/${meetingId}`, "district", record)).status).to.equal(404);
      const badRecord = await call("PUT", `/api/meetings/${meetingId}`, "other", { ...record, minutes: "" });
      expect(badRecord.status).to.equal(400);
      expect(badRecord.body.error.details.issues).to.deep.include({ path: "body.minutes", message: "is required" });
      const recorded = await call("PUT", `/api/meetings/${meetingId}`, "other", record);
      expect(recorded.status).to.equal(200);
      expect(recorded.body.meeting).to.include({ status: "held", minutes: "研判寒假校外培训风险", planId });
      expect(await verdict()).to.equal("met");
      expect((await call("PUT", `/api/meetings/${meetingId}`, "other", record)).status).to.equal(422);
    });
  });
});
