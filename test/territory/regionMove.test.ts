import { importTerritory } from "@gridrisk/server/commands/territoryImporter";
import { EventModel } from "@gridrisk/server/models/event";
import { InstitutionModel } from "@gridrisk/server/models/institution";
import type { RunningServer } from "@gridrisk/server/server";
import { territory } from "@gridrisk/server/territory/territoryCache";
import type { BoundaryGeometry, TerritoryFeature } from "@gridrisk/shared";
import { expect } from "chai";
import { Types } from "mongoose";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { act, buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { box, FIXTURE, FIXTURE_FEATURES, loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

const rect = (minLng: number, minLat: number, maxLng: number, maxLat: number): BoundaryGeometry => ({
  type: "Polygon",
  coordinates: [box(minLng, minLat, maxLng, maxLat)],
});

/** The fixture redistricted: township 320812002 (浦楼街道) moves from 清江浦区 to 淮安区. */
function redistricted(): TerritoryFeature[] {
  return FIXTURE_FEATURES.map((feature) => {
    const { code } = feature.properties;
    if (code === FIXTURE.district) return { ...feature, geometry: rect(119.0, 33.5, 119.1, 33.7) };
    if (code === FIXTURE.otherDistrict) return { ...feature, geometry: rect(119.1, 33.5, 119.4, 33.7) };
    if (code === FIXTURE.township2) {
      return { ...feature, properties: { ...feature.properties, parentCode: FIXTURE.otherDistrict } };
    }
    return feature;
  });
}

describe("a region moved to another parent takes its records along", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Record<keyof typeof FIXTURE, string>;
  const t: Record<string, string> = {};

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid2] });
    await createAccount({ username: "old", role: "district_officer", scope: [ids.district] });
    await createAccount({ username: "new", role: "district_officer", scope: [ids.otherDistrict] });
    for (const who of ["worker", "old", "new"]) t[who] = await signInAs(server.url, who);
  });
  after(() => server.close());

  it("rewrites the region path of events and institutions below it, and scoping follows", async () => {
    const reported = await report(server.url, t.worker ?? "", buildReport(119.15, 33.6));
    expect(reported.status).to.equal(201);
    const eventId = reported.body.event.id as string;
    const gridPathBefore = territory()
      .pathOf(ids.grid2)
      .map((region) => region.id);
    const institution = await InstitutionModel.create({
      name: "浦楼培训中心",
      creditCode: "91320800MA1XXXXX0X",
      type: "arts",
      licenceStatus: "licensed",
      fundSupervision: "supervised",
      address: "浦楼路 1 号",
      location: { type: "Point", coordinates: [119.15, 33.61] },
      lng: 119.15,
      lat: 33.61,
      gridId: new Types.ObjectId(ids.grid2),
      regionPath: gridPathBefore.map((id) => new Types.ObjectId(id)),
      contact: { name: "王老师", phone: "13800000000" },
    });
    const read = (who: string) => request(`${server.url}/api/events/${eventId}`, { headers: bearer(t[who] ?? "") });
    expect((await read("old")).status).to.equal(200);
    expect((await read("new")).status).to.equal(404);

    const result = await importTerritory(redistricted(), { dryRun: false });
    expect(result.report.ok, JSON.stringify(result.report.errors)).to.equal(true);
    expect(result.repathed?.events).to.equal(1);

    // Read again through the same server, which had the event in its cache since the report.
    expect((await read("old")).status).to.equal(404);
    const moved = await read("new");
    expect(moved.status).to.equal(200);
    // Actions start from the server's cached copy of the event: it must have followed too.
    const urge = (who: string) =>
      act(server.url, t[who] ?? "", eventId, { action: "urge", expectedVersion: 1, note: "请尽快核实" });
    expect((await urge("old")).status).to.equal(404);
    expect((await urge("new")).status).to.equal(200);
    const list = await request(`${server.url}/api/events`, { headers: bearer(t.new ?? "") });
    expect(list.body.items.map((item: { id: string }) => item.id)).to.include(eventId);
    // Stored paths: the grid's path as the territory now stands (city, new district, township, …).
    const gridPathAfter = territory()
      .pathOf(ids.grid2)
      .map((region) => region.id);
    expect(gridPathAfter.slice(0, 3)).to.deep.equal([ids.city, ids.otherDistrict, ids.township2]);
    expect(gridPathAfter.slice(1)).to.not.deep.equal(gridPathBefore.slice(1));
    const stored = await EventModel.findById(eventId).lean();
    expect(stored?.regionPath.map(String)).to.deep.equal(gridPathAfter);
    expect(result.repathed?.institutions).to.equal(1);
    const storedInstitution = await InstitutionModel.findById(institution._id).lean();
    expect(storedInstitution?.regionPath.map(String)).to.deep.equal(gridPathAfter);
  });
});
