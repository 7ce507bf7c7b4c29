import type { RunningServer } from "@gridrisk/server/server";
import { LOGIN_LIMITS } from "@gridrisk/shared";
import { expect } from "chai";
import { createAccount, TEST_PASSWORD } from "../helpers/accounts";
import { postJson } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/** Password guesses sent all at once, as an attacker with many connections would. */
const BURST = 60;

describe("sign-in limits hold against a burst of concurrent guesses", function () {
  this.timeout(60_000);
  useTestDatabase();
  let server: RunningServer;
  const login = (username: string, password: string) =>
    postJson(`${server.url}/api/auth/login`, { username, password });

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "target", role: "grid_worker", scope: [ids.grid] });
  });
  after(() => server.close());

  it(`checks at most ${LOGIN_LIMITS.maxFailuresPerAccount} guesses of ${BURST} concurrent ones against one account, then keeps it locked`, async () => {
    const statuses = (
      await Promise.all(Array.from({ length: BURST }, (_, i) => login("target", `guess-number-${i}`)))
    ).map((res) => res.status);
    const checked = statuses.filter((status) => status === 401).length;
    process.stderr.write(
      `      (${BURST} concurrent guesses: ${checked} checked, ${statuses.filter((s) => s === 429).length} refused)\n`,
    );
    expect(statuses.filter((status) => status !== 401 && status !== 429)).to.deep.equal([]);
    expect(checked).to.be.at.most(LOGIN_LIMITS.maxFailuresPerAccount);
    expect((await login("target", TEST_PASSWORD)).status).to.equal(429);
  });
});

describe("sign-in limits per address against a burst", function () {
  this.timeout(60_000);
  useTestDatabase();
  let server: RunningServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it(`checks at most ${LOGIN_LIMITS.maxFailuresPerAddress} guesses of ${BURST * 2} concurrent ones from one address`, async () => {
    const statuses = (
      await Promise.all(
        Array.from({ length: BURST * 2 }, (_, i) =>
          postJson(`${server.url}/api/auth/login`, { username: `nobody${i}`, password: "wrong-password" }),
        ),
      )
    ).map((res) => res.status);
    const checked = statuses.filter((status) => status === 401).length;
    process.stderr.write(`      (${BURST * 2} concurrent guesses from one address: ${checked} checked)\n`);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).to.deep.equal([]);
    expect(checked).to.be.at.most(LOGIN_LIMITS.maxFailuresPerAddress);
    const after = await postJson(`${server.url}/api/auth/login`, { username: "nobody", password: "wrong-password" });
    expect(after.status).to.equal(429);
  });
});
