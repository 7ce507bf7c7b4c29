import { sweepOverdueInspections } from "@gridrisk/server/jobs/inspectionOverdueSweep";
import { ChangeLogEntryModel, changeLogKey } from "@gridrisk/server/models/changeLogEntry";
import { InspectionTaskModel } from "@gridrisk/server/models/inspectionTask";
import type { RunningServer } from "@gridrisk/server/server";
import type { ClientToServerEvents, InspectionTaskLiveChange, ServerToClientEvents, SyncAck } from "@gridrisk/shared";
import { expect } from "chai";
import { io, type Socket } from "socket.io-client";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { buildInstitutionInput } from "../helpers/institutionFactory";
import { waitUntil } from "../helpers/processes";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe("inspection tasks API: my tasks, check-in, checklist, findings, overdue", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const tokens: Record<string, string> = {};
  let taskId = "";
  const institution = { lng: 119.02, lat: 33.52 };
  const call = (method: string, path: string, who?: string, body?: unknown) =>
    request(`${server.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(who ? bearer(tokens[who] ?? "") : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const task = async (who = "worker") =>
    (await call("GET", `/api/inspection-tasks/${encodeURIComponent(taskId)}`, who)).body.task;
  const path = (suffix = "") => `/api/inspection-tasks/${encodeURIComponent(taskId)}${suffix}`;

  before(async () => {
    server = await startTestServer({ env: { INSPECTION_RADIUS_M: "200" } });
    ids = await loadTerritoryFixture();
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "worker2", role: "grid_worker", scope: [ids.grid2] });
    await createAccount({ username: "other", role: "district_officer", scope: [ids.otherDistrict] });
    for (const who of ["district", "worker", "worker2", "other"]) tokens[who] = await signInAs(server.url, who);
    const created = await call(
      "POST",
      "/api/institutions",
      "district",
      buildInstitutionInput(institution.lng, institution.lat),
    );
    expect(created.status).to.equal(201);
    // Every day, so that today's occurrence exists whatever day the suite runs.
    const plan = await call("POST", "/api/inspection-plans", "district", {
      name: "日常巡查",
      regionId: ids.district,
      scope: { regionIds: [ids.grid] },
      recurrence: { startDate: "2026-01-01", rrule: "FREQ=DAILY" },
      window: { start: "00:00", end: "23:59" },
      assignee: { kind: "grid_worker" },
      checklist: ["办学许可证公示", "消防通道畅通"],
    });
    expect(plan.status).to.equal(201);
  });
  const sockets: LiveSocket[] = [];
  /** A live connection of `who` that records every `inspections:changed` it receives. */
  async function live(who: string) {
    const socket: LiveSocket = io(server.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      auth: { token: tokens[who] },
    });
    sockets.push(socket);
    const received: InspectionTaskLiveChange[] = [];
    socket.on("inspections:changed", (change) => received.push(change));
    await new Promise((resolve) => socket.once("connect", () => resolve(undefined)));
    return { socket, received };
  }
  after(() => {
    for (const socket of sockets) socket.close();
    return server.close();
  });

  it("lists a grid worker's own tasks (mine=true), soonest first; another grid's worker sees none", async () => {
    const mine = await call("GET", "/api/inspection-tasks?mine=true", "worker");
    expect(mine.status).to.equal(200);
    expect(mine.body.items.length).to.be.within(30, 31);
    const dates = mine.body.items.map((item: { occurrenceDate: string }) => item.occurrenceDate);
    expect(dates).to.deep.equal([...dates].sort());
    taskId = mine.body.items[0].id;
    expect(mine.body.items[0].checklist).to.deep.equal(["办学许可证公示", "消防通道畅通"]);
    expect((await call("GET", "/api/inspection-tasks?mine=true", "worker2")).body.items).to.deep.equal([]);
    expect((await call("GET", path(), "worker2")).status).to.equal(404);
    expect((await call("GET", path(), "other")).status).to.equal(404);
    expect((await call("GET", path(), "district")).status).to.equal(200);
  });

  it("flags a check-in farther than the configured distance, not a near one", async () => {
    expect(
      (await call("POST", path("/check-in"), "worker", { location: { lng: 200, lat: 33 }, expectedVersion: 1 })).status,
    ).to.equal(400);
    expect(
      (await call("POST", path("/check-in"), "district", { location: institution, expectedVersion: 1 })).status,
    ).to.equal(403);
    // About 1.1 km north of the institution.
    const far = await call("POST", path("/check-in"), "worker", {
      location: { lng: 119.02, lat: 33.53 },
      expectedVersion: 1,
    });
    expect(far.status).to.equal(200);
    expect(far.body.task.checkIn.far).to.equal(true);
    expect(far.body.task.checkIn.distanceMeters).to.be.within(1100, 1125);
    expect(far.body.task.status).to.equal("in_progress");
    const stale = await call("POST", path("/check-in"), "worker", { location: institution, expectedVersion: 1 });
    expect(stale.status).to.equal(409);
    // About 50 m away.
    const near = await call("POST", path("/check-in"), "worker", {
      location: { lng: 119.0205, lat: 33.5202 },
      expectedVersion: 2,
    });
    expect(near.body.task.checkIn.far).to.equal(false);
    expect(near.body.task.checkIn.distanceMeters).to.be.below(200);
  });

  it("records answers and findings, refuses to complete with items unanswered, then completes", async () => {
    const bad = await call("PATCH", path(), "worker", { expectedVersion: 3, answers: [{ index: 5, result: "pass" }] });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.issues).to.deep.include({
      path: "body.answers.0.index",
      message: "must be below 2, the checklist's length",
    });
    const recorded = await call("PATCH", path(), "worker", {
      expectedVersion: 3,
      answers: [{ index: 0, result: "fail", note: "未公示" }],
      findings: [{ text: "未公示办学许可证，疑似无证办学" }],
    });
    expect(recorded.status).to.equal(200);
    expect(recorded.body.task.findings[0]).to.include({
      id: "f1",
      text: "未公示办学许可证，疑似无证办学",
      eventId: null,
    });
    const early = await call("POST", path("/complete"), "worker", { expectedVersion: 4 });
    expect(early.status).to.equal(422);
    expect(early.body.error.message).to.equal("Answer every checklist item first; unanswered: 2.");
    await call("PATCH", path(), "worker", {
      expectedVersion: 4,
      answers: [
        { index: 0, result: "fail" },
        { index: 1, result: "pass" },
      ],
      findings: [{ id: "f1", text: "未公示办学许可证，疑似无证办学" }, { text: "灭火器过期" }],
    });
    const done = await call("POST", path("/complete"), "worker", { expectedVersion: 5 });
    expect(done.status).to.equal(200);
    expect(done.body.task.status).to.equal("done");
    expect(done.body.task.findings.map((f: { id: string }) => f.id)).to.deep.equal(["f1", "f2"]);
    expect((await call("PATCH", path(), "worker", { expectedVersion: 6, answers: [] })).status).to.equal(422);
  });

  it("links the event raised from a finding (source inspection), also once the task is done", async () => {
    const current = await task();
    const reported = await report(
      server.url,
      tokens.worker ?? "",
      buildReport(institution.lng, institution.lat, { source: "inspection", institutionId: current.institution.id }),
    );
    expect(reported.status).to.equal(201);
    expect(reported.body.event.source).to.equal("inspection");
    const wrong = await call("POST", path("/findings/f1/event"), "worker", { eventCode: "HA-1900-000000" });
    expect(wrong.status).to.equal(400);
    const linked = await call("POST", path("/findings/f1/event"), "worker", { eventCode: reported.body.event.code });
    expect(linked.status).to.equal(200);
    expect(linked.body.task.findings[0].eventId).to.equal(reported.body.event.id);
    expect(linked.body.task.status).to.equal("done");
  });

  it("flags a task whose window closed undone as overdue once, and pushes it live to its territory", async () => {
    const [district, other] = [await live("district"), await live("other")];
    const start: SyncAck = await district.socket.timeout(10_000).emitWithAck("sync", { since: 0 });
    if (!("changes" in start)) throw new Error("expected changes");
    const later = (await InspectionTaskModel.find({ status: "open" }).sort({ endsAt: 1 }).lean())[0];
    if (!later) throw new Error("no open task");
    const afterWindow = new Date(later.endsAt.getTime() + 60_000);
    const first = await sweepOverdueInspections(afterWindow);
    expect(first.flagged).to.be.at.least(1);
    expect((await sweepOverdueInspections(afterWindow)).flagged).to.equal(0);
    await waitUntil(
      () => district.received.some((change) => change.task.id === later._id),
      5000,
      "live overdue message",
    );
    const change = district.received.find((c) => c.task.id === later._id);
    expect(change?.type).to.equal("overdue");
    expect(change?.task.overdue).to.equal(true);
    expect(change?.seq).to.be.above(start.seq);
    expect(other.received).to.deep.equal([]);
    // The done task is never flagged.
    expect((await task()).overdue).to.equal(false);

    // The change is in the change log: a client that was away gets it through sync, another district's officer not.
    const missed: SyncAck = await district.socket.timeout(10_000).emitWithAck("sync", { since: start.seq });
    if (!("changes" in missed)) throw new Error("expected changes");
    expect(missed.inspections.map((c) => [c.seq, c.type, c.task.id])).to.deep.include([
      change?.seq,
      "overdue",
      later._id,
    ]);
    expect(missed.inspections.every((c) => c.task.regionPath.includes(ids.district))).to.equal(true);
    const elsewhere = await other.socket.timeout(10_000).emitWithAck("sync", { since: start.seq });
    expect(elsewhere).to.deep.include({ changes: [], inspections: [] });
    const logged = await ChangeLogEntryModel.findById(changeLogKey(change?.seq ?? 0)).lean();
    expect(logged).to.deep.include({ kind: "inspection_task", type: "overdue" });
  });
});
