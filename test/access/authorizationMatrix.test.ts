import type { RunningServer } from "@gridrisk/server/server";
import type { Role } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { postJson, request } from "../helpers/http";
import { buildInstitutionInput } from "../helpers/institutionFactory";
import { FIXTURE_FEATURES, loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/**
 * Every role × inside / outside its territory × read / write, for regions, users and
 * institutions. "Inside" objects lie in grid G1 of district 320812, inside every test account's
 * territory; "outside" objects lie in district 320803, outside all but the city-wide accounts.
 * Expected statuses are written out by hand: this table is the specification.
 */
type Row = {
  regionRead: [number, number];
  territoryWrite: number;
  userRead: [number, number];
  userWrite: [number, number];
  institutionRead: [number, number];
  institutionWrite: [number, number];
  institutionCreate: [number, number];
  institutionDelete: number;
};

const MATRIX: Record<Role, Row> = {
  grid_worker: {
    regionRead: [200, 404],
    territoryWrite: 403,
    userRead: [403, 403],
    userWrite: [403, 403],
    institutionRead: [200, 404],
    institutionWrite: [200, 404],
    institutionCreate: [201, 404],
    institutionDelete: 403,
  },
  township_officer: {
    regionRead: [200, 404],
    territoryWrite: 403,
    userRead: [200, 404],
    userWrite: [403, 403],
    institutionRead: [200, 404],
    institutionWrite: [200, 404],
    institutionCreate: [201, 404],
    institutionDelete: 403,
  },
  department_handler: {
    regionRead: [200, 404],
    territoryWrite: 403,
    userRead: [403, 403],
    userWrite: [403, 403],
    institutionRead: [200, 404],
    institutionWrite: [200, 404],
    institutionCreate: [201, 404],
    institutionDelete: 403,
  },
  district_officer: {
    regionRead: [200, 404],
    territoryWrite: 403,
    userRead: [200, 404],
    userWrite: [403, 403],
    institutionRead: [200, 404],
    institutionWrite: [200, 404],
    institutionCreate: [201, 404],
    institutionDelete: 403,
  },
  city_monitor: {
    regionRead: [200, 200],
    territoryWrite: 403,
    userRead: [200, 200],
    userWrite: [403, 403],
    institutionRead: [200, 200],
    institutionWrite: [200, 200],
    institutionCreate: [201, 201],
    institutionDelete: 403,
  },
  supervisor: {
    regionRead: [200, 404],
    territoryWrite: 403,
    userRead: [200, 404],
    userWrite: [403, 403],
    institutionRead: [200, 404],
    institutionWrite: [403, 403],
    institutionCreate: [403, 403],
    institutionDelete: 403,
  },
  admin: {
    regionRead: [200, 200],
    territoryWrite: 200,
    userRead: [200, 200],
    userWrite: [200, 200],
    institutionRead: [200, 200],
    institutionWrite: [200, 200],
    institutionCreate: [201, 201],
    institutionDelete: 204,
  },
};

const INSIDE = { lng: 119.02, lat: 33.52 };
const OUTSIDE = { lng: 119.3, lat: 33.6 };

describe("authorization matrix: role × territory × read/write", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const tokens = {} as Record<Role, string>;
  const users = { inside: "", outside: "" };
  const institutions = { inside: "", outside: "" };

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    const scopes: Record<Role, string> = {
      grid_worker: ids.grid,
      township_officer: ids.township,
      department_handler: ids.district,
      district_officer: ids.district,
      city_monitor: ids.city,
      supervisor: ids.district,
      admin: ids.city,
    };
    for (const [role, scope] of Object.entries(scopes) as [Role, string][]) {
      await createAccount({ username: `as.${role}`, role, scope: [scope] });
      tokens[role] = await signInAs(server.url, `as.${role}`);
    }
    users.inside = await createAccount({ username: "person.inside", role: "grid_worker", scope: [ids.grid] });
    users.outside = await createAccount({ username: "person.outside", role: "grid_worker", scope: [ids.otherGrid] });
    for (const [key, point] of [
      ["inside", INSIDE],
      ["outside", OUTSIDE],
    ] as const) {
      const res = await postJson(
        `${server.url}/api/institutions`,
        buildInstitutionInput(point.lng, point.lat),
        bearer(tokens.admin),
      );
      expect(res.status, res.text).to.equal(201);
      institutions[key] = res.body.institution.id;
    }
  });
  after(() => server.close());

  const call = (role: Role, method: string, path: string, body?: unknown) =>
    request(`${server.url}${path}`, {
      method,
      headers: { ...bearer(tokens[role]), ...(body ? { "Content-Type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then((res) => res.status);

  for (const [role, row] of Object.entries(MATRIX) as [Role, Row][]) {
    describe(role, () => {
      it(`regions: read inside ${row.regionRead[0]}, outside ${row.regionRead[1]}; territory import ${row.territoryWrite}`, async () => {
        expect(await call(role, "GET", `/api/regions/${ids.grid}`)).to.equal(row.regionRead[0]);
        expect(await call(role, "GET", `/api/regions/${ids.otherGrid}`)).to.equal(row.regionRead[1]);
        const importBody = { type: "FeatureCollection", features: FIXTURE_FEATURES };
        expect(await call(role, "POST", "/api/territory/import?dryRun=true", importBody)).to.equal(row.territoryWrite);
      });

      it(`users: read ${row.userRead.join("/")}, write ${row.userWrite.join("/")}`, async () => {
        expect(await call(role, "GET", `/api/users/${users.inside}`)).to.equal(row.userRead[0]);
        expect(await call(role, "GET", `/api/users/${users.outside}`)).to.equal(row.userRead[1]);
        expect(await call(role, "PATCH", `/api/users/${users.inside}`, { name: `renamed by ${role}` })).to.equal(
          row.userWrite[0],
        );
        expect(await call(role, "PATCH", `/api/users/${users.outside}`, { name: `renamed by ${role}` })).to.equal(
          row.userWrite[1],
        );
      });

      it(`institutions: read ${row.institutionRead.join("/")}, write ${row.institutionWrite.join("/")}, create ${row.institutionCreate.join("/")}, delete ${row.institutionDelete}`, async () => {
        expect(await call(role, "GET", `/api/institutions/${institutions.inside}`)).to.equal(row.institutionRead[0]);
        expect(await call(role, "GET", `/api/institutions/${institutions.outside}`)).to.equal(row.institutionRead[1]);
        const note = { notes: `checked by ${role}` };
        expect(await call(role, "PATCH", `/api/institutions/${institutions.inside}`, note)).to.equal(
          row.institutionWrite[0],
        );
        expect(await call(role, "PATCH", `/api/institutions/${institutions.outside}`, note)).to.equal(
          row.institutionWrite[1],
        );
        expect(await call(role, "POST", "/api/institutions", buildInstitutionInput(INSIDE.lng, INSIDE.lat))).to.equal(
          row.institutionCreate[0],
        );
        expect(await call(role, "POST", "/api/institutions", buildInstitutionInput(OUTSIDE.lng, OUTSIDE.lat))).to.equal(
          row.institutionCreate[1],
        );
        const victim = await postJson(
          `${server.url}/api/institutions`,
          buildInstitutionInput(INSIDE.lng, INSIDE.lat),
          bearer(tokens.admin),
        );
        expect(await call(role, "DELETE", `/api/institutions/${victim.body.institution.id}`)).to.equal(
          row.institutionDelete,
        );
      });
    });
  }

  it("lists only what lies in the caller's territory", async () => {
    const list = async (role: Role, path: string) =>
      (await request(`${server.url}${path}`, { headers: bearer(tokens[role]) })).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await list("grid_worker", "/api/institutions?limit=500")).not.to.include(institutions.outside);
    expect(await list("grid_worker", "/api/institutions?limit=500")).to.include(institutions.inside);
    expect(await list("admin", "/api/institutions?limit=500")).to.include.members([
      institutions.inside,
      institutions.outside,
    ]);
    expect(await list("township_officer", "/api/users?limit=500"))
      .to.include(users.inside)
      .and.not.to.include(users.outside);
  });
});
