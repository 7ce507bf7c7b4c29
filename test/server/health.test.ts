import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { request } from "../helpers/http";
import { useTestDatabase } from "../helpers/testDatabase";
import { FAKE_VENDOR_SCRIPT, startTestServer } from "../helpers/testServer";

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

  it("sends the client's files compressed (gzip or brotli) to a browser that accepts it, whole to one that does not", async () => {
    const fetchRaw = (acceptEncoding?: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        const headers: Record<string, string> = acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {};
        http
          .get(`${server.url}/assets/vendor-5678.js`, { headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
    const gzipped = await fetchRaw("gzip");
    expect(gzipped.encoding).to.equal("gzip");
    expect(gunzipSync(gzipped.body).toString()).to.equal(FAKE_VENDOR_SCRIPT);
    expect(gzipped.body.length).to.be.below(Buffer.byteLength(FAKE_VENDOR_SCRIPT) / 3);
    const brotli = await fetchRaw("gzip, deflate, br");
    expect(brotli.encoding).to.equal("br");
    expect(brotliDecompressSync(brotli.body).toString()).to.equal(FAKE_VENDOR_SCRIPT);
    const plain = await fetchRaw();
    expect(plain.encoding).to.equal(undefined);
    expect(plain.body.toString()).to.equal(FAKE_VENDOR_SCRIPT);
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
