import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { forbidden, notFound, versionConflict } from "@gridrisk/server/errors";
import { errorHandler } from "@gridrisk/server/middlewares/errorHandler";
import { requestId } from "@gridrisk/server/middlewares/requestId";
import { validate } from "@gridrisk/server/middlewares/validate";
import type { RunningServer } from "@gridrisk/server/server";
import { type ERROR_CODES, errorBodySchema, JSON_BODY_LIMIT_BYTES } from "@gridrisk/shared";
import { expect } from "chai";
import express from "express";
import mongoose from "mongoose";
import { z } from "zod";
import { postJson, request } from "../helpers/http";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

function expectErrorShape(body: unknown, code: (typeof ERROR_CODES)[number]): void {
  const parsed = errorBodySchema.safeParse(body);
  expect(parsed.success, JSON.stringify(body)).to.equal(true);
  expect((body as { error: { code: string } }).error.code).to.equal(code);
}

describe("the error shape of the real server", () => {
  useTestDatabase();
  let server: RunningServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it("answers an unknown /api route with a JSON 404 naming it", async () => {
    const res = await request(`${server.url}/api/no/such/thing?x=1`);
    expect(res.status).to.equal(404);
    expectErrorShape(res.body, "route_not_found");
    expect(res.body.error.message).to.equal("No API route for GET /api/no/such/thing.");
    expect(res.body.error.requestId).to.equal(res.headers.get("x-request-id"));
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const res = await postJson(`${server.url}/api/anything`, '{"title": ');
    expect(res.status).to.equal(400);
    expectErrorShape(res.body, "invalid_json");
  });

  it("answers a body over the limit with 413 and the limit", async () => {
    const res = await postJson(`${server.url}/api/anything`, { text: "x".repeat(JSON_BODY_LIMIT_BYTES + 10) });
    expect(res.status).to.equal(413);
    expectErrorShape(res.body, "payload_too_large");
    expect(res.body.error.details).to.deep.equal({ limitBytes: JSON_BODY_LIMIT_BYTES });
  });

  it("keeps a safe X-Request-Id from the caller and replaces an unsafe one", async () => {
    const kept = await request(`${server.url}/api/x`, { headers: { "X-Request-Id": "trace-abc.123" } });
    expect(kept.headers.get("x-request-id")).to.equal("trace-abc.123");
    expect(kept.body.error.requestId).to.equal("trace-abc.123");
    const replaced = await request(`${server.url}/api/x`, { headers: { "X-Request-Id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).to.match(/^[0-9a-f-]{36}$/);
  });

  it("sets security headers", async () => {
    const res = await request(`${server.url}/healthz`);
    expect(res.headers.get("x-content-type-options")).to.equal("nosniff");
    expect(res.headers.get("content-security-policy")).to.include("default-src 'self'");
    expect(res.headers.get("x-powered-by")).to.equal(null);
  });
});

describe("the error handler", () => {
  let http: Server;
  let base = "";
  before(async () => {
    const app = express();
    app.use(requestId, express.json());
    app.post("/validate", (req, res) => {
      const body = validate(z.object({ title: z.string().min(2), count: z.number().int() }), req.body, "body");
      res.json(body);
    });
    app.get("/forbidden", () => {
      throw forbidden();
    });
    app.get("/missing", () => {
      throw notFound("Event HA-2026-000001");
    });
    app.get("/conflict", () => {
      throw versionConflict("The event changed.", { currentVersion: 4 });
    });
    app.get("/cast", async () => {
      await mongoose.model("Probe", new mongoose.Schema({ n: Number })).findById("not-an-id");
    });
    app.get("/boom", () => {
      throw new Error("secret internal detail: password=hunter2");
    });
    app.get("/async-boom", async () => {
      await Promise.reject(new TypeError("cannot read x of undefined"));
    });
    app.use(errorHandler);
    http = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => http.once("listening", resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => http.close(resolve)));

  it("names each invalid field and its problem", async () => {
    const res = await postJson(`${base}/validate`, { title: "x", count: "3" });
    expect(res.status).to.equal(400);
    expectErrorShape(res.body, "validation_failed");
    const paths = res.body.error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).to.deep.equal(["body.title", "body.count"]);
    expect(res.body.error.message).to.match(/^body\.title: .*; body\.count: /);
  });

  it("keeps the status and code of each error kind", async () => {
    const forbiddenRes = await request(`${base}/forbidden`);
    expect(forbiddenRes.status).to.equal(403);
    expectErrorShape(forbiddenRes.body, "forbidden");
    const missing = await request(`${base}/missing`);
    expect(missing.status).to.equal(404);
    expect(missing.body.error.message).to.equal("Event HA-2026-000001 was not found.");
    const conflict = await request(`${base}/conflict`);
    expect(conflict.status).to.equal(409);
    expect(conflict.body.error.details).to.deep.equal({ currentVersion: 4 });
  });

  it("turns a bad object id into 400, not 500", async () => {
    const res = await request(`${base}/cast`);
    expect(res.status).to.equal(400);
    expectErrorShape(res.body, "validation_failed");
    expect(res.body.error.details.issues[0].path).to.equal("_id");
  });

  it("hides unexpected errors behind a generic 500 with the request id", async () => {
    for (const path of ["/boom", "/async-boom"]) {
      const res = await request(`${base}${path}`);
      expect(res.status).to.equal(500);
      expectErrorShape(res.body, "internal_error");
      expect(res.text).not.to.include("hunter2");
      expect(res.text).not.to.include("undefined");
      expect(res.body.error.message).to.include(res.body.error.requestId);
    }
  });
});
