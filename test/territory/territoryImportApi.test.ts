import { RegionModel } from "@gridrisk/server/models/region";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { postJson, request } from "../helpers/http";
import { box, FIXTURE, FIXTURE_FEATURES, loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

const collection = (features: unknown[]) => ({ type: "FeatureCollection", features });

describe("territory import and export API", () => {
  useTestDatabase();
  let server: RunningServer;
  let admin = "";
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const importFile = (body: unknown, dryRun = false) =>
    postJson(`${server.url}/api/territory/import?dryRun=${dryRun}`, body, bearer(admin));

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    admin = await signInAs(server.url, "admin");
  });
  after(() => server.close());

  it("re-importing the same file changes nothing", async () => {
    const before = await RegionModel.find({}).sort({ code: 1 }).lean();
    const res = await importFile(collection(FIXTURE_FEATURES));
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ dryRun: false, created: 0, updated: 0, unchanged: 14 });
    const after = await RegionModel.find({}).sort({ code: 1 }).lean();
    expect(after.map((region) => region._id.toHexString())).to.deep.equal(
      before.map((region) => region._id.toHexString()),
    );
    expect(after.map((region) => region.updatedAt?.getTime())).to.deep.equal(
      before.map((region) => region.updatedAt?.getTime()),
    );
  });

  it("a dry run reports what would change and writes nothing", async () => {
    const renamed = FIXTURE_FEATURES.map((feature) =>
      feature.properties.code === FIXTURE.grid2
        ? { ...feature, properties: { ...feature.properties, name: "改名网格" } }
        : feature,
    );
    const added = [
      {
        type: "Feature",
        properties: { code: "320803001002", name: "新社区", level: "community", parentCode: FIXTURE.otherTownship },
        geometry: null,
      },
      {
        type: "Feature",
        properties: { code: "320803001002001", name: "新网格", level: "grid", parentCode: "320803001002" },
        geometry: { type: "Polygon", coordinates: [box(119.45, 33.5, 119.46, 33.51)] },
      },
    ];
    const dry = await importFile(collection([...renamed, ...added]), true);
    expect(dry.status, dry.text).to.equal(200);
    expect(dry.body).to.include({ dryRun: true, created: 2, updated: 1, unchanged: 13 });
    expect((await RegionModel.findOne({ code: FIXTURE.grid2 }).lean())?.name).to.equal("浦楼社区第1网格");
    expect(await RegionModel.countDocuments({ code: "320803001002001" })).to.equal(0);
    const real = await importFile(collection(renamed));
    expect(real.body).to.include({ created: 0, updated: 1, unchanged: 13 });
    expect((await RegionModel.findOne({ code: FIXTURE.grid2 }).lean())?.name).to.equal("改名网格");
  });

  it("refuses a file with errors whole, with a report naming the problems", async () => {
    const openRing = {
      type: "Feature",
      properties: { code: "320812001001009", name: "坏网格", level: "grid", parentCode: FIXTURE.community },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [119.0, 33.5],
            [119.01, 33.5],
            [119.01, 33.51],
            [119.0, 33.51],
          ],
        ],
      },
    };
    const orphan = {
      type: "Feature",
      properties: { code: "999999001001001", name: "孤儿网格", level: "grid", parentCode: "999999001001" },
      geometry: { type: "Polygon", coordinates: [box(119.3, 33.6, 119.31, 33.61)] },
    };
    const res = await importFile(collection([openRing, orphan]));
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal("territory_invalid");
    const problems = res.body.error.details.report.errors.map((issue: { problem: string }) => issue.problem);
    expect(problems).to.include.members(["ring_not_closed", "missing_parent"]);
    expect(await RegionModel.countDocuments({ code: "999999001001001" })).to.equal(0);
  });

  it("refuses a body that is no FeatureCollection with 400", async () => {
    const res = await importFile({ type: "Feature", features: "x" });
    expect(res.status).to.equal(400);
    expect(res.body.error.details.issues.map((issue: { path: string }) => issue.path)).to.include.members([
      "body.type",
      "body.features",
    ]);
  });

  it("exports the caller's territory as GeoJSON that imports back unchanged", async () => {
    const exported = await request(`${server.url}/api/territory/export`, { headers: bearer(admin) });
    expect(exported.status).to.equal(200);
    expect(exported.headers.get("content-type")).to.match(/^application\/geo\+json/);
    const body = JSON.parse(exported.text);
    expect(body.features).to.have.length(14);
    expect(body.features[0].properties).to.deep.equal({ code: "320800", name: "淮安市", level: "city" });
    const reimport = await importFile(body);
    expect(reimport.body).to.include({ created: 0, updated: 0, unchanged: 14 });

    const worker = await signInAs(server.url, "worker");
    const own = JSON.parse((await request(`${server.url}/api/territory/export`, { headers: bearer(worker) })).text);
    expect(own.features.map((feature: { properties: { code: string } }) => feature.properties.code)).to.deep.equal([
      FIXTURE.grid,
    ]);
    expect(own.features[0].properties.parentCode).to.equal(FIXTURE.community);
  });
});
