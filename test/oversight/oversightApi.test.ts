import { EventModel } from "@gridrisk/server/models/event";
import type { RunningServer } from "@gridrisk/server/server";
import { DEFAULT_DEADLINE_POLICY } from "@gridrisk/shared";
import { expect } from "chai";
import { Types } from "mongoose";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { act, buildReport, readEvent, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { FIXTURE_FEATURES, loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("oversight views and urging", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const t: Record<string, string> = {};
  const events: string[] = [];
  const get = (who: string, path: string) => request(`${server.url}${path}`, { headers: bearer(t[who] ?? "") });
  const send = (who: string, method: string, path: string, body: unknown) =>
    request(`${server.url}${path}`, {
      method,
      headers: { ...bearer(t[who] ?? ""), "Content-Type": "application/json", "Idempotency-Key": `k-${Math.random()}` },
      body: JSON.stringify(body),
    });

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "worker2", role: "grid_worker", scope: [ids.grid2] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    await createAccount({ username: "supervisor", role: "supervisor", scope: [ids.city] });
    for (const who of ["worker", "worker2", "officer", "district", "supervisor"])
      t[who] = await signInAs(server.url, who);
    for (const [who, lng, lat] of [
      ["worker", 119.02, 33.52],
      ["worker", 119.03, 33.58],
      ["worker2", 119.15, 33.6],
    ] as const) {
      const res = await report(server.url, t[who] ?? "", buildReport(lng, lat));
      events.push(res.body.event.id);
    }
  });
  after(() => server.close());

  it("lets the supervisor urge with a note, and nothing else", async () => {
    const [first] = events as [string];
    const seen = await readEvent(server.url, t.supervisor ?? "", first);
    expect(seen.availableActions).to.deep.equal(["urge"]);
    const urged = await act(server.url, t.supervisor ?? "", first, {
      action: "urge",
      expectedVersion: 1,
      note: "请尽快研判",
    });
    expect(urged.status, urged.text).to.equal(200);
    expect(urged.body.event.urgeCount).to.equal(1);
    for (const body of [
      { action: "claim", expectedVersion: 2 },
      { action: "comment", expectedVersion: 2, note: "x" },
    ]) {
      expect((await act(server.url, t.supervisor ?? "", first, body)).status, body.action).to.equal(403);
    }
    const writes: [string, string, unknown][] = [
      ["POST", "/api/events", buildReport(119.02, 33.52)],
      [
        "POST",
        "/api/users",
        { username: "x1", name: "x", role: "grid_worker", scope: [ids.grid], password: "long-password-1" },
      ],
      ["PATCH", `/api/users/${new Types.ObjectId()}`, { active: false }],
      ["POST", "/api/departments", { code: "fire", name: "消防", regionId: ids.district }],
      ["PUT", "/api/event-categories/other", { code: "other", name: "其他", active: false }],
      ["PUT", "/api/violation-categories/v01", { code: "v01" }],
      ["PUT", "/api/calendar/policy/deadlines", DEFAULT_DEADLINE_POLICY],
      ["POST", "/api/territory/import", { type: "FeatureCollection", features: FIXTURE_FEATURES }],
      ["POST", "/api/institutions", { name: "x" }],
    ];
    for (const [method, path, body] of writes) {
      const res = await send("supervisor", method, path, body);
      expect([400, 403], `${method} ${path} → ${res.status} ${res.text}`).to.include(res.status);
      if (res.status === 400) expect(res.body.error.code).to.equal("validation_failed");
    }
    // A valid body too: the role, not the input, is what stops the supervisor.
    const department = await send("supervisor", "POST", "/api/departments", {
      code: "fire",
      name: "消防",
      regionId: ids.district,
    });
    expect(department.status).to.equal(403);
  });

  it("ranks townships with urgings and how fast they were answered", async () => {
    const [first] = events as [string];
    const current = await readEvent(server.url, t.officer ?? "", first);
    expect(
      (await act(server.url, t.officer ?? "", first, { action: "claim", expectedVersion: current.version })).status,
    ).to.equal(200);
    const res = await get("supervisor", `/api/oversight/ranking?level=township&region=${ids.district}`);
    expect(res.status, res.text).to.equal(200);
    expect(res.body.items.map((row: { region: { id: string } }) => row.region.id)).to.have.members([
      ids.township,
      ids.township2,
    ]);
    const township = res.body.items.find((row: { region: { id: string } }) => row.region.id === ids.township);
    expect(township).to.deep.include({ events: 2, urgings: 1, answeredUrgings: 1, handled: 0, onTimeRate: null });
    expect(township.medianAnswerHours).to.be.a("number").and.at.least(0);
    const districts = await get("supervisor", "/api/oversight/ranking?level=district");
    expect(
      districts.body.items.map((row: { region: { id: string }; events: number }) => [row.region.id, row.events]),
    ).to.deep.equal([
      [ids.district, 3],
      [ids.otherDistrict, 0],
    ]);
    const urgings = await get("district", "/api/oversight/urgings");
    expect(urgings.body.items).to.have.length(1);
    expect(urgings.body.items[0]).to.deep.include({ by: "Test supervisor", note: "请尽快研判", automatic: false });
    expect(urgings.body.items[0].event.id).to.equal(first);
    expect(urgings.body.items[0].answeredAt).to.be.a("string");
  });

  it("lists open events older than the given days, oldest first", async () => {
    const [, second, third] = events as [string, string, string];
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    await EventModel.collection.updateOne({ _id: new Types.ObjectId(second) }, { $set: { createdAt: daysAgo(40) } });
    await EventModel.collection.updateOne({ _id: new Types.ObjectId(third) }, { $set: { createdAt: daysAgo(60) } });
    const res = await get("supervisor", "/api/oversight/long-running?days=30");
    expect(res.body.items.map((item: { id: string }) => item.id)).to.deep.equal([third, second]);
    const scoped = await get("supervisor", `/api/oversight/long-running?days=30&region=${ids.township}`);
    expect(scoped.body.items.map((item: { id: string }) => item.id)).to.deep.equal([second]);
  });

  it("walks the ladder: 401, 400 naming the field, 403 for roles without oversight", async () => {
    expect((await request(`${server.url}/api/oversight/ranking`)).status).to.equal(401);
    const bad = await get("supervisor", "/api/oversight/ranking?level=grid");
    expect(bad.status).to.equal(400);
    expect(bad.body.error.message).to.equal('query.level: must be "district" or "township"');
    expect((await get("officer", "/api/oversight/ranking")).status).to.equal(403);
    expect((await get("district", `/api/oversight/ranking?region=${ids.otherDistrict}`)).status).to.equal(400);
  });
});
