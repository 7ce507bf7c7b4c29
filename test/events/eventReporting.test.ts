import { randomUUID } from "node:crypto";
import { EventModel } from "@gridrisk/server/models/event";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { postJson, request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("reporting events: idempotency, validation, integrity", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  let worker = "";
  let officer = "";

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "supervisor", role: "supervisor", scope: [ids.city] });
    worker = await signInAs(server.url, "worker");
    officer = await signInAs(server.url, "officer");
  });
  after(() => server.close());

  it("returns the same event for the same key and refuses the key with another body", async () => {
    const key = randomUUID();
    const body = buildReport(119.02, 33.52);
    const first = await report(server.url, worker, body, key);
    const again = await report(server.url, worker, body, key);
    expect(first.status).to.equal(201);
    expect(again.status).to.equal(201);
    expect(again.headers.get("idempotent-replayed")).to.equal("true");
    expect(again.body.event.id).to.equal(first.body.event.id);
    const other = await report(server.url, worker, { ...body, title: "另一件事" }, key);
    expect(other.status).to.equal(422);
    expect(other.body.error.code).to.equal("idempotency_key_reused");
  });

  it("creates one event for 20 concurrent retries of a report", async () => {
    const key = randomUUID();
    const body = buildReport(119.021, 33.521, { title: "并发重试" });
    const results = await Promise.all(Array.from({ length: 20 }, () => report(server.url, worker, body, key)));
    expect(results.map((res) => res.status)).to.deep.equal(Array(20).fill(201));
    expect(new Set(results.map((res) => res.body.event.id)).size).to.equal(1);
    expect(await EventModel.countDocuments({ title: "并发重试" })).to.equal(1);
  });

  it("stores no key for a refused report, so the corrected retry may use it", async () => {
    const key = randomUUID();
    const refused = await report(server.url, worker, buildReport(0, 0, { title: "地点错误" }), key);
    expect(refused.status).to.equal(422);
    const corrected = await report(server.url, worker, buildReport(119.023, 33.523, { title: "地点错误" }), key);
    expect(corrected.status).to.equal(201);
  });

  it("needs an Idempotency-Key", async () => {
    const res = await postJson(`${server.url}/api/events`, buildReport(119.02, 33.52), bearer(worker));
    expect(res.status).to.equal(400);
    expect(res.body.error.details.issues[0].path).to.equal("headers.idempotency-key");
  });

  it("answers bad GeoJSON, unknown fields and a future date with 400 naming each field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { ...buildReport(119.02, 33.52), location: { type: "Point", coordinates: [200, 33] } },
        "body.location.coordinates.0",
      ],
      [{ ...buildReport(119.02, 33.52), location: { type: "Polygon", coordinates: [] } }, "body.location.type"],
      [{ ...buildReport(119.02, 33.52), location: "119,33" }, "body.location"],
      [{ ...buildReport(119.02, 33.52), status: "closed" }, "body"],
      [
        { ...buildReport(119.02, 33.52), occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
        "body.occurredAt",
      ],
      [{ ...buildReport(119.02, 33.52), category: { $ne: "x" } }, "body.category"],
    ];
    for (const [body, path] of cases) {
      const res = await report(server.url, worker, body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(
        res.body.error.details.issues.map((issue: { path: string }) => issue.path),
        path,
      ).to.include(path);
    }
  });

  it("refuses a point in no grid (422), outside the reporter's townships (403), and a supervisor (403)", async () => {
    expect((await report(server.url, worker, buildReport(120.5, 34.5))).status).to.equal(422);
    const elsewhere = await report(server.url, worker, buildReport(119.3, 33.6));
    expect(elsewhere.status).to.equal(403);
    const supervisor = await signInAs(server.url, "supervisor");
    expect((await report(server.url, supervisor, buildReport(119.02, 33.52))).status).to.equal(403);
    // A grid worker may report in the rest of their township, e.g. the neighbouring grid.
    expect((await report(server.url, worker, buildReport(119.05, 33.65))).status).to.equal(201);
  });

  it("finds a tampered timeline entry", async () => {
    const { event } = (await report(server.url, worker, buildReport(119.02, 33.52))).body;
    await postJson(
      `${server.url}/api/events/${event.id}/actions`,
      { action: "claim", expectedVersion: 1 },
      bearer(officer),
    );
    await postJson(
      `${server.url}/api/events/${event.id}/actions`,
      { action: "comment", expectedVersion: 2, note: "原始记录" },
      bearer(officer),
    );
    const verify = () => request(`${server.url}/api/events/${event.id}/verify`, { headers: bearer(officer) });
    expect((await verify()).body).to.deep.equal({ valid: true, entries: 3 });
    await EventModel.updateOne({ _id: event.id }, { $set: { "timeline.2.note": "悄悄改过" } });
    const broken = (await verify()).body;
    expect(broken.valid).to.equal(false);
    expect(broken.firstBroken).to.deep.include({ seq: 3, reason: "content changed" });
    // Removing an entry breaks the chain as well.
    await EventModel.updateOne({ _id: event.id }, { $pop: { timeline: -1 } });
    expect((await verify()).body.firstBroken).to.deep.include({ index: 0, seq: 2, reason: "sequence gap" });
  });
});
