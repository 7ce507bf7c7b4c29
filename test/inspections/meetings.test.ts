import type { RunningServer } from "@gridrisk/server/server";
import { quarterlyMeetingRule, shanghaiDateKey } from "@gridrisk/shared";
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
  });
});
