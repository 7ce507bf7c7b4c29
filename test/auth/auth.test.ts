import { UserModel } from "@gridrisk/server/models/user";
import type { RunningServer } from "@gridrisk/server/server";
import { LOGIN_LIMITS } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, signInAs, TEST_PASSWORD } from "../helpers/accounts";
import { postJson, request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("sign-in, sessions and /api/me", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "handler", role: "department_handler", scope: [ids.district] });
    await createAccount({ username: "retired", role: "grid_worker", scope: [ids.grid], active: false });
  });
  after(() => server.close());

  it("returns a token, the user and an httpOnly SameSite cookie, and no hash", async () => {
    const res = await postJson(`${server.url}/api/auth/login`, { username: "Officer ", password: TEST_PASSWORD });
    expect(res.status).to.equal(200);
    expect(res.body.token).to.match(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).to.include({ username: "officer", role: "township_officer" });
    expect(res.body.user.scope).to.deep.equal([ids.township]);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).to.match(/^gridrisk_session=/);
    expect(cookie).to.include("HttpOnly").and.to.include("SameSite=Lax");
    expect(res.text).not.to.match(/argon2|passwordHash|failedLogins/);
  });

  it("accepts the token as a bearer header and as the cookie", async () => {
    const login = await postJson(`${server.url}/api/auth/login`, { username: "officer", password: TEST_PASSWORD });
    const viaBearer = await request(`${server.url}/api/me`, { headers: bearer(login.body.token) });
    expect(viaBearer.status).to.equal(200);
    expect(viaBearer.body).to.deep.equal({
      id: login.body.user.id,
      username: "officer",
      name: "Test officer",
      role: "township_officer",
      scope: [ids.township],
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const viaCookie = await request(`${server.url}/api/me`, { headers: { Cookie: cookie } });
    expect(viaCookie.status).to.equal(200);
    expect(viaCookie.body.username).to.equal("officer");
  });

  it("shows a department handler's department", async () => {
    const token = await signInAs(server.url, "handler");
    const me = await request(`${server.url}/api/me`, { headers: bearer(token) });
    expect(me.body.departmentId).to.match(/^[0-9a-f]{24}$/);
    expect(me.body.scope).to.deep.equal([ids.district]);
  });

  it("answers 401 without a token, with a malformed one, and with a forged secret", async () => {
    const token = await signInAs(server.url, "officer");
    const forged = `${token.split(".")[0]}.${"A".repeat(43)}`;
    for (const headers of [
      {},
      { Authorization: "Bearer nonsense" },
      bearer(forged),
      { Cookie: "gridrisk_session=x.y" },
    ]) {
      const res = await request(`${server.url}/api/me`, { headers });
      expect(res.status).to.equal(401);
      expect(res.body.error.code).to.equal("unauthenticated");
    }
  });

  it("revokes the session on logout", async () => {
    const token = await signInAs(server.url, "officer");
    const out = await request(`${server.url}/api/auth/logout`, { method: "POST", headers: bearer(token) });
    expect(out.status).to.equal(204);
    expect(out.headers.get("set-cookie")).to.include("Max-Age=0");
    expect((await request(`${server.url}/api/me`, { headers: bearer(token) })).status).to.equal(401);
  });

  it("gives the same 401 for an unknown user, a wrong password and a deactivated account", async () => {
    const messages = [];
    for (const body of [
      { username: "nobody", password: TEST_PASSWORD },
      { username: "officer", password: "wrong-password" },
      { username: "retired", password: TEST_PASSWORD },
    ]) {
      const res = await postJson(`${server.url}/api/auth/login`, body, { "X-Forwarded-For": "10.9.9.9" });
      expect(res.status).to.equal(401);
      messages.push(res.body.error.message);
    }
    expect(new Set(messages).size).to.equal(1);
  });

  it("rejects a malformed sign-in with 400 naming the field", async () => {
    const res = await postJson(`${server.url}/api/auth/login`, { username: "officer", password: 42, role: "admin" });
    expect(res.status).to.equal(400);
    const paths = res.body.error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).to.include("body.password");
    expect(paths).to.include("body");
  });

  it(`locks an account for a while after ${LOGIN_LIMITS.maxFailuresPerAccount} failures, even for the right password`, async () => {
    await createAccount({ username: "target", role: "grid_worker", scope: [ids.grid] });
    for (let attempt = 0; attempt < LOGIN_LIMITS.maxFailuresPerAccount; attempt++) {
      const res = await postJson(`${server.url}/api/auth/login`, { username: "target", password: "guess-guess" });
      expect(res.status).to.equal(401);
    }
    const locked = await postJson(`${server.url}/api/auth/login`, { username: "target", password: TEST_PASSWORD });
    expect(locked.status).to.equal(429);
    expect(locked.body.error.code).to.equal("rate_limited");
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter)
      .to.be.greaterThan(0)
      .and.at.most(LOGIN_LIMITS.accountLockMinutes * 60);
    // Once the lock has passed, the right password works again.
    await UserModel.updateOne({ username: "target" }, { $set: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(
      (await postJson(`${server.url}/api/auth/login`, { username: "target", password: TEST_PASSWORD })).status,
    ).to.equal(200);
  });
});

describe("sign-in throttling per address", () => {
  useTestDatabase();
  let server: RunningServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it(`refuses an address after ${LOGIN_LIMITS.maxFailuresPerAddress} failures in a window, whatever the username`, async () => {
    for (let attempt = 0; attempt < LOGIN_LIMITS.maxFailuresPerAddress; attempt++) {
      const res = await postJson(`${server.url}/api/auth/login`, {
        username: `user${attempt}`,
        password: "wrong-password",
      });
      expect(res.status).to.equal(401);
    }
    const refused = await postJson(`${server.url}/api/auth/login`, { username: "someone", password: "wrong-password" });
    expect(refused.status).to.equal(429);
    expect(refused.body.error.message).to.match(/from this address/);
  });
});
