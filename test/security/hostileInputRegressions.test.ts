import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { postJson, request } from "../helpers/http";
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

  it("refuses a NUL character in any field with 400 naming it (PostgreSQL cannot store one)", async () => {
    const report = await postJson(
      `${server.url}/api/events`,
      {
        title: "无证开展学科类培训",
        description: "x\u0000y",
        category: "unlicensed_training",
        location: { type: "Point", coordinates: [119.021, 33.521] },
      },
      { ...bearer(token), "Idempotency-Key": "nul-in-description" },
    );
    expect(report.status).to.equal(400);
    expect(report.body.error.code).to.equal("validation_failed");
    expect(report.body.error.details.issues).to.deep.equal([
      { path: "body.description", message: "must not contain the NUL character (U+0000)" },
    ]);
    const search = await request(`${server.url}/api/events?q=a%00b`, { headers: bearer(token) });
    expect(search.status).to.equal(400);
    expect(search.body.error.details.issues[0].path).to.equal("query.q");
    const open311 = await postJson(`${server.url}/open311/v2/requests.json`, {
      api_key: "none",
      service_code: "other",
      description: "a\u0000b",
      lat: 33.52,
      long: 119.02,
    });
    expect(open311.status).to.equal(400);
    expect(JSON.stringify(open311.body)).to.include("NUL");
  });
});
