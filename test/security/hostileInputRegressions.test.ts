import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/** Each case here is a request the fuzz run (hostileInput.test.ts) once answered with a 5xx. */
describe("hostile input found by the fuzz run", () => {
  useTestDatabase();
  let server: RunningServer;
  let token = "";

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    token = await signInAs(server.url, "admin");
  });
  after(() => server.close());

  it("answers a path parameter that is not valid UTF-8 with 400, not 500", async () => {
    for (const path of ["/api/regions/%ED%A0%80", "/api/events/%FF", "/api/users/%E4%B8"]) {
      const res = await request(`${server.url}${path}`, { headers: bearer(token) });
      expect(res.status, path).to.equal(400);
      expect(res.body.error.code).to.equal("bad_request");
    }
  });
});
