import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { request } from "../helpers/http";
import { FIXTURE, loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("regions API: list, detail and locate", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const tokens: Record<string, string> = {};
  const get = (path: string, who: string) => request(`${server.url}${path}`, { headers: bearer(tokens[who] ?? "") });

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "officer2", role: "township_officer", scope: [ids.township2] });
    for (const who of ["admin", "worker", "officer2"]) tokens[who] = await signInAs(server.url, who);
  });
  after(() => server.close());

  it("lists every region for the admin, sorted by code, with the documented fields", async () => {
    const res = await get("/api/regions?limit=500", "admin");
    expect(res.status).to.equal(200);
    expect(res.body.items).to.have.length(14);
    expect(res.body.nextCursor).to.equal(undefined);
    const codes = res.body.items.map((item: { code: string }) => item.code);
    expect(codes).to.deep.equal([...codes].sort());
    const grid = res.body.items.find((item: { code: string }) => item.code === FIXTURE.grid2);
    expect(Object.keys(grid).sort()).to.deep.equal([
      "ancestors",
      "centroid",
      "code",
      "id",
      "level",
      "name",
      "parentId",
    ]);
    expect(grid.centroid).to.deep.equal({ lng: 119.15, lat: 33.6 });
    expect(grid.ancestors).to.deep.equal([ids.city, ids.district, ids.township2, grid.parentId]);
  });

  it("pages with a cursor and filters by level and parent", async () => {
    const first = await get("/api/regions?limit=5", "admin");
    expect(first.body.items).to.have.length(5);
    const second = await get(`/api/regions?limit=5&cursor=${first.body.nextCursor}`, "admin");
    expect(second.body.items[0].code > first.body.items[4].code).to.equal(true);
    const grids = await get("/api/regions?level=grid", "admin");
    expect(grids.body.items).to.have.length(5);
    const children = await get(`/api/regions?parent=${ids.district}`, "admin");
    expect(children.body.items.map((item: { code: string }) => item.code)).to.deep.equal([
      FIXTURE.township,
      FIXTURE.township2,
    ]);
  });

  it("shows a grid worker their grid and its ancestors, and nothing beside them", async () => {
    const res = await get("/api/regions?limit=500", "worker");
    expect(res.body.items.map((item: { code: string }) => item.code)).to.deep.equal(
      [FIXTURE.city, FIXTURE.township, FIXTURE.community, FIXTURE.grid, FIXTURE.district].sort(),
    );
    expect((await get(`/api/regions/${ids.gridNorth}`, "worker")).status).to.equal(404);
    expect((await get(`/api/regions/${ids.grid}`, "worker")).status).to.equal(200);
  });

  it("returns a region with its boundary as GeoJSON, holes included", async () => {
    const res = await get(`/api/regions/${ids.grid}`, "admin");
    expect(res.status).to.equal(200);
    expect(res.body.region.boundary.type).to.equal("Polygon");
    expect(res.body.region.boundary.coordinates).to.have.length(2);
    expect(res.body.region.boundary.coordinates[0][0]).to.deep.equal([119.0, 33.5]);
    expect(res.body.region.bbox).to.deep.equal({ minLng: 119.0, minLat: 33.5, maxLng: 119.1, maxLat: 33.6 });
  });

  const locateCases = [
    { what: "inside a grid", lng: 119.02, lat: 33.52, grid: FIXTURE.grid },
    { what: "in the hole of a grid (the enclave)", lng: 119.05, lat: 33.55, grid: FIXTURE.gridEnclave },
    { what: "on the border of two grids (smallest code wins)", lng: 119.05, lat: 33.6, grid: FIXTURE.grid },
    { what: "on the border of a hole", lng: 119.04, lat: 33.55, grid: FIXTURE.grid },
    { what: "on the border of two townships", lng: 119.1, lat: 33.65, grid: FIXTURE.gridNorth },
    { what: "on a corner shared by four regions", lng: 119.1, lat: 33.6, grid: FIXTURE.grid },
    { what: "in another district", lng: 119.3, lat: 33.6, grid: FIXTURE.otherGrid },
  ];
  for (const { what, lng, lat, grid } of locateCases) {
    it(`locates a point ${what}`, async () => {
      const res = await get(`/api/regions/locate?lng=${lng}&lat=${lat}`, "worker");
      expect(res.status).to.equal(200);
      expect(res.body.grid.code).to.equal(grid);
      expect(res.body.path.map((region: { level: string }) => region.level)).to.deep.equal([
        "city",
        "district",
        "township",
        "community",
        "grid",
      ]);
      expect(res.body.path[4].id).to.equal(res.body.grid.id);
    });
  }

  it("answers a point in no grid with 422 naming the nearest township", async () => {
    const res = await get("/api/regions/locate?lng=119.45&lat=33.6", "worker");
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal("no_grid_at_location");
    expect(res.body.error.message).to.match(/lies in no grid/);
    expect(res.body.error.details.nearestTownship.code).to.equal(FIXTURE.otherTownship);
  });

  it("answers bad coordinates with 400 naming the field", async () => {
    const cases: [string, string][] = [
      ["lng=abc&lat=33", "query.lng"],
      ["lng=200&lat=33", "query.lng"],
      ["lng=119&lat=-91", "query.lat"],
      ["lng=119", "query.lat"],
      ["lng=119&lat=33&lat=34", "query.lat"],
      ["lng[$gt]=0&lat=33", "query"],
    ];
    for (const [query, path] of cases) {
      const res = await get(`/api/regions/locate?${query}`, "worker");
      expect(res.status, query).to.equal(400);
      expect(
        res.body.error.details.issues.map((issue: { path: string }) => issue.path),
        query,
      ).to.include(path);
    }
  });

  it("rejects a forged cursor and an unknown level", async () => {
    expect((await get("/api/regions?cursor=!!", "admin")).status).to.equal(400);
    const level = await get("/api/regions?level=province", "admin");
    expect(level.status).to.equal(400);
    expect(level.body.error.message).to.match(/query\.level/);
  });
});
