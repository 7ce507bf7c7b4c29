import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { postJson, request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("user administration", () => {
  useTestDatabase();
  let server: RunningServer;
  let admin = "";
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const createUser = (body: unknown) => postJson(`${server.url}/api/users`, body, bearer(admin));
  const patchUser = (id: string, body: unknown, token = admin) =>
    request(`${server.url}/api/users/${id}`, {
      method: "PATCH",
      headers: { ...bearer(token), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    admin = await signInAs(server.url, "admin");
  });
  after(() => server.close());

  it("creates a grid worker for two grids and never returns a hash", async () => {
    const res = await createUser({
      username: "Li.Wei",
      name: "李伟",
      role: "grid_worker",
      scope: [ids.grid, ids.gridNorth],
      password: "a-long-password",
    });
    expect(res.status).to.equal(201);
    expect(res.body.user).to.include({ username: "li.wei", role: "grid_worker", active: true });
    expect(res.body.user.scope).to.deep.equal([ids.grid, ids.gridNorth]);
    const list = await request(`${server.url}/api/users`, { headers: bearer(admin) });
    for (const text of [res.text, list.text])
      expect(text).not.to.match(/passwordHash|\$argon2|failedLogins|lockedUntil/);
  });

  it("refuses fields nobody may set and a scope that does not fit the role", async () => {
    const massAssignment = await createUser({
      username: "sneaky",
      name: "x",
      role: "grid_worker",
      scope: [ids.grid],
      password: "a-long-password",
      passwordHash: "x",
      failedLogins: 0,
    });
    expect(massAssignment.status).to.equal(400);
    expect(massAssignment.body.error.message).to.match(/passwordHash/);
    const wrongLevel = await createUser({
      username: "wrong.level",
      name: "x",
      role: "township_officer",
      scope: [ids.grid],
      password: "a-long-password",
    });
    expect(wrongLevel.status).to.equal(400);
    expect(wrongLevel.body.error.details.issues[0]).to.deep.equal({
      path: "body.scope.0",
      message: "a township_officer acts in a township, not a grid",
    });
    const twoTownships = await createUser({
      username: "two.townships",
      name: "x",
      role: "township_officer",
      scope: [ids.township, ids.township2],
      password: "a-long-password",
    });
    expect(twoTownships.status).to.equal(400);
    const noDepartment = await createUser({
      username: "no.department",
      name: "x",
      role: "department_handler",
      password: "a-long-password",
    });
    expect(noDepartment.body.error.details.issues[0].path).to.equal("body.departmentId");
  });

  it("gives a department handler its department's territory", async () => {
    const departmentId = await ensureDepartment(ids.district, "market");
    const res = await createUser({
      username: "handler",
      name: "x",
      role: "department_handler",
      departmentId,
      password: "a-long-password",
    });
    expect(res.status).to.equal(201);
    expect(res.body.user).to.include({ departmentId });
    expect(res.body.user.scope).to.deep.equal([ids.district]);
  });

  it("refuses a taken username with 409", async () => {
    const body = { username: "dup", name: "x", role: "grid_worker", scope: [ids.grid], password: "a-long-password" };
    expect((await createUser(body)).status).to.equal(201);
    const again = await createUser(body);
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal("already_exists");
  });

  it("signs a user out everywhere when the password changes or the account is deactivated", async () => {
    const created = await createUser({
      username: "mover",
      name: "x",
      role: "grid_worker",
      scope: [ids.grid],
      password: "first-password",
    });
    const token = await signInAs(server.url, "mover", "first-password");
    expect((await patchUser(created.body.user.id, { password: "second-password" })).status).to.equal(200);
    expect((await request(`${server.url}/api/me`, { headers: bearer(token) })).status).to.equal(401);
    const second = await signInAs(server.url, "mover", "second-password");
    expect((await patchUser(created.body.user.id, { active: false })).status).to.equal(200);
    expect((await request(`${server.url}/api/me`, { headers: bearer(second) })).status).to.equal(401);
    expect(
      (await postJson(`${server.url}/api/auth/login`, { username: "mover", password: "second-password" })).status,
    ).to.equal(401);
  });

  it("lets nobody but an admin change a role or scope, not even for themselves", async () => {
    const created = await createUser({
      username: "climber",
      name: "x",
      role: "township_officer",
      scope: [ids.township],
      password: "a-long-password",
    });
    const token = await signInAs(server.url, "climber", "a-long-password");
    const res = await patchUser(created.body.user.id, { role: "admin", scope: [ids.city] }, token);
    expect(res.status).to.equal(403);
    const me = await request(`${server.url}/api/me`, { headers: bearer(token) });
    expect(me.body).to.include({ role: "township_officer" });
  });
});
