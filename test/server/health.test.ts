import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { request } from "../helpers/http";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("health and the client shell", () => {
  useTestDatabase();
  let server: RunningServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it("GET /healthz says alive", async () => {
    const res = await request(`${server.url}/healthz`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ status: "alive", version: "test" });
    expect(res.headers.get("cache-control")).to.equal("no-store");
  });

  it("GET /readyz is 200 with the database up", async () => {
    const res = await request(`${server.url}/readyz`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: "ready", checks: { database: "up" } });
  });

  it("serves the app's HTML at / and at any deep link", async () => {
    for (const path of ["/", "/events/123", "/map?district=320803"]) {
      const res = await request(`${server.url}${path}`, { headers: { Accept: "text/html" } });
      expect(res.status, path).to.equal(200);
      expect(res.headers.get("content-type")).to.match(/^text\/html/);
      expect(res.text).to.include("网格化风险事件管理");
      expect(res.headers.get("cache-control")).to.equal("no-cache");
    }
  });

  it("serves hashed assets as immutable and a missing asset as a JSON 404, never the HTML", async () => {
    const asset = await request(`${server.url}/assets/app-1234.js`);
    expect(asset.status).to.equal(200);
    expect(asset.headers.get("cache-control")).to.include("immutable");
    const missing = await request(`${server.url}/assets/gone-9999.js`);
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal("not_found");
  });

  it("tells the browser its public settings without sign-in: no tile server configured", async () => {
    const res = await request(`${server.url}/api/client-config`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ map: { coordinateSystem: "wgs84" } });
  });

  it("does not answer API paths with HTML", async () => {
    const res = await request(`${server.url}/api/no-such-resource`, { headers: { Accept: "text/html" } });
    expect(res.status).to.equal(404);
    expect(res.headers.get("content-type")).to.match(/^application\/json/);
  });
});
