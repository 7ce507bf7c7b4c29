import type { RunningServer } from "@gridrisk/server/server";
import { EVENT_STATUSES, SEVERITIES } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("map API: events and grid boundaries of the watched territory", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const t: Record<string, string> = {};
  const events: Record<string, string> = {};
  const get = (path: string, who: string, headers: Record<string, string> = {}) =>
    request(`${server.url}${path}`, { headers: { ...bearer(t[who] ?? ""), ...headers } });

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "worker3", role: "grid_worker", scope: [ids.otherGrid] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    await createAccount({ username: "city", role: "city_monitor", scope: [ids.city] });
    for (const who of ["worker", "worker3", "district", "city"]) t[who] = await signInAs(server.url, who);
    events.local = (
      await report(server.url, t.worker ?? "", buildReport(119.02, 33.52, { severity: "major" }))
    ).body.event.id;
    events.other = (await report(server.url, t.worker3 ?? "", buildReport(119.3, 33.6))).body.event.id;
  });
  after(() => server.close());

  it("gives compact rows of the caller's territory only, and 403 to a grid worker", async () => {
    expect((await get("/api/map/events", "worker")).status).to.equal(403);
    const city = await get("/api/map/events", "city");
    expect(city.status).to.equal(200);
    expect(city.body.rows.map((row: unknown[]) => row[0]).sort()).to.deep.equal([events.local, events.other].sort());
    const district = await get("/api/map/events", "district");
    expect(district.body.rows).to.have.length(1);
    const [id, lng, lat, severity, status, category, overdue] = district.body.rows[0];
    expect({
      id,
      lng,
      lat,
      severity: SEVERITIES[severity],
      status: EVENT_STATUSES[status],
      category,
      overdue,
    }).to.deep.equal({
      id: events.local,
      lng: 119.02,
      lat: 33.52,
      severity: "major",
      status: "reported",
      category: "unlicensed_training",
      overdue: 0,
    });
    expect((await get(`/api/map/events?region=${ids.otherDistrict}`, "district")).status).to.equal(404);
  });

  it("filters by severity and overdue, counts open events per grid on demand, and names a bad filter", async () => {
    expect((await get("/api/map/events?severity=major", "city")).body.rows).to.have.length(1);
    expect((await get("/api/map/events?overdue=true", "city")).body.rows).to.have.length(0);
    const shaded = await get("/api/map/events?shade=true", "city");
    expect(shaded.body.openByGrid).to.deep.equal({ [ids.grid]: 1, [ids.otherGrid]: 1 });
    const bad = await get("/api/map/events?severity=huge", "city");
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.issues[0].path).to.equal("query.severity.0");
  });

  it("serves the grids of the territory compactly, gzipped when asked, and 304 for a known ETag", async () => {
    const plain = await get("/api/map/boundaries", "district");
    expect(plain.status).to.equal(200);
    expect(plain.body.scale).to.equal(100_000);
    expect(plain.body.grids.map((grid: { id: string }) => grid.id).sort()).to.deep.equal(
      [ids.grid, ids.gridNorth, ids.gridEnclave, ids.grid2].sort(),
    );
    const north = plain.body.grids.find((grid: { id: string }) => grid.id === ids.gridNorth);
    // [119.0, 33.6] absolute, then each next corner as the difference from the one before.
    expect(north.rings[0].slice(0, 4)).to.deep.equal([11_900_000, 3_360_000, 10_000, 0]);
    const etag = plain.headers.get("etag") ?? "";
    expect(etag).to.match(/^"t\d+-[0-9a-f]{24}"$/);
    expect((await get("/api/map/boundaries", "district", { "If-None-Match": etag })).status).to.equal(304);
    const raw = await fetch(`${server.url}/api/map/boundaries`, {
      headers: { ...bearer(t.city ?? ""), "Accept-Encoding": "gzip" },
    });
    expect(raw.headers.get("content-encoding")).to.equal("gzip");
    expect(((await raw.json()) as { grids: unknown[] }).grids).to.have.length(5);
  });
});
