import { InstitutionModel } from "@gridrisk/server/models/institution";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { postJson, request } from "../helpers/http";
import { buildInstitutionInput } from "../helpers/institutionFactory";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("institutions API", () => {
  useTestDatabase();
  let server: RunningServer;
  let token = "";
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const get = (path: string) => request(`${server.url}${path}`, { headers: bearer(token) });
  const create = (body: unknown) => postJson(`${server.url}/api/institutions`, body, bearer(token));

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "officer", role: "district_officer", scope: [ids.district] });
    token = await signInAs(server.url, "officer");
  });
  after(() => server.close());

  it("creates an institution, placing it in its grid and territory", async () => {
    const input = buildInstitutionInput(119.05, 33.55, {
      name: "启航科技教育咨询有限公司",
      type: "science_technology",
    });
    const res = await create(input);
    expect(res.status).to.equal(201);
    const { institution } = res.body;
    expect(institution).to.include({
      name: input.name,
      creditCode: input.creditCode,
      gridId: ids.gridEnclave,
      version: 1,
    });
    expect(institution.regionPath).to.deep.equal([
      ids.city,
      ids.district,
      ids.township,
      ids.community,
      ids.gridEnclave,
    ]);
    expect(institution.location).to.deep.equal({ lng: 119.05, lat: 33.55 });
    expect((await get(`/api/institutions/${institution.id}`)).body.institution.id).to.equal(institution.id);
  });

  it("refuses a bad credit code, unknown fields and server-owned fields with 400 naming each", async () => {
    const input = {
      ...buildInstitutionInput(119.02, 33.52),
      creditCode: "91320800MA1XXXXXX0",
      gridId: ids.grid,
      version: 9,
    };
    const res = await create(input);
    expect(res.status).to.equal(400);
    const issues = res.body.error.details.issues as { path: string; message: string }[];
    expect(issues.find((issue) => issue.path === "body.creditCode")?.message).to.be.a("string");
    expect(issues.find((issue) => issue.path === "body")?.message).to.match(/gridId|version/);
    expect(await InstitutionModel.countDocuments({ creditCode: input.creditCode })).to.equal(0);
  });

  it("answers a location in no grid with 422 and a duplicate credit code with 409", async () => {
    const outside = await create(buildInstitutionInput(120.5, 34.5));
    expect(outside.status).to.equal(422);
    expect(outside.body.error.code).to.equal("no_grid_at_location");
    const first = buildInstitutionInput(119.02, 33.52);
    expect((await create(first)).status).to.equal(201);
    const again = await create({ ...buildInstitutionInput(119.02, 33.53), creditCode: first.creditCode });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal("already_exists");
  });

  it("searches by name and nearest first within a radius", async () => {
    await create(buildInstitutionInput(119.15, 33.6, { name: "浦楼体育培训有限公司", type: "sports" }));
    await create(buildInstitutionInput(119.152, 33.6, { name: "浦楼书法艺术中心" }));
    await create(buildInstitutionInput(119.19, 33.69, { name: "远处舞蹈培训中心" }));
    const byName = await get(`/api/institutions?q=${encodeURIComponent("浦楼")}`);
    expect(byName.body.items.map((item: { name: string }) => item.name).sort()).to.deep.equal([
      "浦楼书法艺术中心",
      "浦楼体育培训有限公司",
    ]);
    const near = await get("/api/institutions?near=119.1515,33.6&radius=1000");
    expect(near.status).to.equal(200);
    expect(near.body.items.map((item: { name: string }) => item.name)).to.deep.equal([
      "浦楼书法艺术中心",
      "浦楼体育培训有限公司",
    ]);
    expect(near.body.items[0].distanceMeters).to.be.below(near.body.items[1].distanceMeters);
    const regex = await get(`/api/institutions?q=${encodeURIComponent(".*")}`);
    expect(regex.body.items).to.have.length(0);
    const sports = await get("/api/institutions?type=sports");
    expect(sports.body.items.map((item: { type: string }) => item.type)).to.deep.equal(["sports"]);
    const inGrid2 = await get(`/api/institutions?region=${ids.grid2}`);
    expect(inGrid2.body.items.length).to.equal(3);
  });

  it("pages with a cursor", async () => {
    const first = await get("/api/institutions?limit=2");
    expect(first.body.items).to.have.length(2);
    const second = await get(`/api/institutions?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id > first.body.items[1].id).to.equal(true);
    expect((await get("/api/institutions?cursor=bm90LWFuLWlk")).status).to.equal(400);
  });

  it("moves an institution with its location and keeps it out of lists once deregistered", async () => {
    const created = await create(buildInstitutionInput(119.02, 33.52));
    const id = created.body.institution.id;
    const moved = await request(`${server.url}/api/institutions/${id}`, {
      method: "PATCH",
      headers: { ...bearer(token), "Content-Type": "application/json" },
      body: JSON.stringify({ location: { lng: 119.15, lat: 33.65 } }),
    });
    expect(moved.status).to.equal(200);
    expect(moved.body.institution).to.include({ gridId: ids.grid2, version: 2 });
    const outside = await request(`${server.url}/api/institutions/${id}`, {
      method: "PATCH",
      headers: { ...bearer(token), "Content-Type": "application/json" },
      body: JSON.stringify({ location: { lng: 119.3, lat: 33.6 } }),
    });
    expect(outside.status).to.equal(404);
  });

  it("refuses operator injection in filters", async () => {
    for (const query of [
      "type[$ne]=sports",
      "q[$regex]=.*",
      "region[$gt]=",
      "licenceStatus=licensed&licenceStatus=pending",
    ]) {
      const res = await get(`/api/institutions?${query}`);
      expect(res.status, query).to.equal(400);
    }
  });
});
