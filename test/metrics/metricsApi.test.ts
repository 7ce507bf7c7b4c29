import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { act, buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("metrics API: figures of a territory, in the caller's scope", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const t: Record<string, string> = {};
  let localEventId = "";
  const get = (path: string, who: string) => request(`${server.url}${path}`, { headers: bearer(t[who] ?? "") });

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "worker3", role: "grid_worker", scope: [ids.otherGrid] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    await createAccount({ username: "city", role: "city_monitor", scope: [ids.city] });
    await createAccount({ username: "edu", role: "department_handler", scope: [ids.district] });
    for (const who of ["worker", "worker3", "officer", "district", "city", "edu"])
      t[who] = await signInAs(server.url, who);
    const local = await report(server.url, t.worker ?? "", buildReport(119.02, 33.52));
    localEventId = local.body.event.id;
    await report(server.url, t.worker3 ?? "", buildReport(119.3, 33.6, { category: "refund_dispute" }));
  });
  after(() => server.close());

  it("refuses the unsigned (401), roles that do not watch (403) and a bad period (400 naming the field)", async () => {
    expect((await request(`${server.url}/api/metrics`)).status).to.equal(401);
    expect((await get("/api/metrics", "worker")).status).to.equal(403);
    const handler = await get("/api/metrics", "edu");
    expect(handler.status).to.equal(403);
    expect(handler.body.error.code).to.equal("forbidden");
    const bad = await get("/api/metrics?from=yesterday", "city");
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.issues).to.deep.include({
      path: "query.from",
      message: "must be an ISO 8601 date-time with a time zone",
    });
    const reversed = await get("/api/metrics?from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z", "city");
    expect(reversed.status).to.equal(400);
    expect(reversed.body.error.message).to.equal("query.to: must be later than from");
  });

  it("gives the city the whole city, broken down by district, category and severity", async () => {
    const res = await get("/api/metrics", "city");
    expect(res.status, res.text).to.equal(200);
    expect(res.body.region).to.include({ id: ids.city, level: "city" });
    expect(res.body.totals).to.include({ reported: 2, assessed: 0, closed: 0, closureRate: 0 });
    const byRegion = Object.fromEntries(
      res.body.byRegion.map((row: { region: { id: string }; reported: number }) => [row.region.id, row.reported]),
    );
    expect(byRegion).to.deep.equal({ [ids.district]: 1, [ids.otherDistrict]: 1 });
    expect(res.body.byCategory.map((row: { category: string }) => row.category).sort()).to.deep.equal([
      "refund_dispute",
      "unlicensed_training",
    ]);
    expect(res.body.daily.reduce((sum: number, day: { reported: number }) => sum + day.reported, 0)).to.equal(2);
  });

  it("shows a district officer their district only, and 404 for another one", async () => {
    const res = await get("/api/metrics", "district");
    expect(res.status).to.equal(200);
    expect(res.body.region.id).to.equal(ids.district);
    expect(res.body.totals.reported).to.equal(1);
    expect(res.body.byRegion.map((row: { region: { id: string } }) => row.region.id)).to.deep.equal([
      ids.township,
      ids.township2,
    ]);
    expect((await get(`/api/metrics?region=${ids.otherDistrict}`, "district")).status).to.equal(404);
    expect((await get(`/api/metrics?region=${ids.city}`, "district")).status).to.equal(404);
    const township = await get(`/api/metrics?region=${ids.township}`, "district");
    expect(township.body.totals.reported).to.equal(1);
  });

  it("counts an assessment as soon as it is made", async () => {
    await act(server.url, t.officer ?? "", localEventId, { action: "claim", expectedVersion: 1 });
    const assessed = await act(server.url, t.officer ?? "", localEventId, {
      action: "assess",
      expectedVersion: 2,
      severity: "general",
      decision: "dismiss",
      reason: "不属于风险事件",
    });
    expect(assessed.status, assessed.text).to.equal(200);
    const res = await get("/api/metrics", "district");
    expect(res.body.totals).to.include({ assessed: 1, assessedOnTime: 1, onTimeAssessmentRate: 1 });
    expect(res.body.byStatus).to.deep.equal({ dismissed: 1 });
  });
});
