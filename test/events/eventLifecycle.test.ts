import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { act, buildReport, readEvent, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("event lifecycle through the API", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const t: Record<string, string> = {};
  const departments: Record<string, string> = {};
  let workerId = "";

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    departments.education = await ensureDepartment(ids.district, "education");
    departments.market = await ensureDepartment(ids.district, "market");
    workerId = await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "officer2", role: "township_officer", scope: [ids.township2] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    await createAccount({ username: "city", role: "city_monitor", scope: [ids.city] });
    await createAccount({
      username: "edu",
      role: "department_handler",
      scope: [ids.district],
      departmentId: departments.education,
    });
    await createAccount({
      username: "market",
      role: "department_handler",
      scope: [ids.district],
      departmentId: departments.market,
    });
    for (const who of ["worker", "officer", "officer2", "district", "city", "edu", "market"])
      t[who] = await signInAs(server.url, who);
  });
  after(() => server.close());

  async function step(who: string, id: string, body: Record<string, unknown>, status = 200) {
    const current = await readEvent(server.url, t[who] ?? t.city ?? "", id);
    const res = await act(server.url, t[who] ?? "", id, { expectedVersion: current?.version ?? 1, ...body });
    expect(res.status, `${who} ${body.action}: ${res.text}`).to.equal(status);
    return res.body.event;
  }

  it("reports a risk into the grid it lies in, with a code, a clock and the first timeline entry", async () => {
    const res = await report(server.url, t.worker ?? "", buildReport(119.02, 33.52, { severity: "major" }));
    expect(res.status, res.text).to.equal(201);
    const { event } = res.body;
    expect(event.code).to.match(/^HA-\d{4}-\d{6}$/);
    expect(event).to.include({
      status: "reported",
      severity: "major",
      gridId: ids.grid,
      owningLevel: "township",
      version: 1,
    });
    expect(event.regionPath).to.deep.equal([ids.city, ids.district, ids.township, ids.community, ids.grid]);
    const clock = Date.parse(event.deadlines.assessment) - Date.parse(event.createdAt);
    expect(clock).to.be.closeTo(12 * 3600_000, 5000);
    expect(event.timeline).to.have.length(1);
    expect(event.timeline[0]).to.include({ seq: 1, action: "report", toStatus: "reported", actorRole: "grid_worker" });
    expect(event.timeline[0].hash).to.match(/^[0-9a-f]{64}$/);
    expect(event.availableActions).to.deep.equal(["comment"]);
  });

  it("walks the whole lifecycle: claim, dispatch, joint handling, resolve, follow-up, close", async () => {
    const { event } = (await report(server.url, t.worker ?? "", buildReport(119.03, 33.53))).body;
    const id = event.id;
    await step("officer", id, { action: "claim" });
    const dispatched = await step("officer", id, {
      action: "assess",
      severity: "serious",
      decision: "dispatch",
      tasks: [
        { departmentId: departments.education, role: "lead" },
        { departmentId: departments.market, role: "assist", dueAt: new Date(Date.now() + 86_400_000).toISOString() },
      ],
    });
    expect(dispatched.status).to.equal("dispatched");
    expect(
      dispatched.tasks.map((task: { role: string; status: string }) => `${task.role}:${task.status}`),
    ).to.deep.equal(["lead:pending", "assist:pending"]);
    const [lead, assist] = dispatched.tasks as { id: string }[];
    const handling = await step("edu", id, { action: "accept_task", taskId: lead?.id });
    expect(handling.status).to.equal("handling");
    await step("market", id, { action: "accept_task", taskId: assist?.id });
    await step("market", id, { action: "complete_task", taskId: assist?.id, result: "已责令停止违规收费" });
    const early = await act(server.url, t.officer ?? "", id, {
      action: "resolve",
      expectedVersion: (await readEvent(server.url, t.officer ?? "", id)).version,
      summary: "x",
    });
    expect(early.status).to.equal(422);
    expect(early.body.error.message).to.match(/1 task\(s\) are not complete/);
    await step("edu", id, { action: "complete_task", taskId: lead?.id, result: "已取缔，学生已分流" });
    const resolved = await step("officer", id, { action: "resolve", summary: "联合处置完毕" });
    expect(resolved.deadlines.followUp).to.be.a("string");
    await step("officer", id, {
      action: "schedule_follow_up",
      assigneeId: workerId,
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const closed = await step("worker", id, {
      action: "record_follow_up",
      outcome: "effective",
      note: "回访未发现反弹，家长满意",
    });
    expect(closed.status).to.equal("closed");
    expect(closed.version).to.equal(10);
    expect(closed.timeline.map((entry: { action: string }) => entry.action)).to.deep.equal([
      "report",
      "claim",
      "assess",
      "accept_task",
      "accept_task",
      "complete_task",
      "complete_task",
      "resolve",
      "schedule_follow_up",
      "record_follow_up",
    ]);
    const verify = await request(`${server.url}/api/events/${id}/verify`, { headers: bearer(t.officer ?? "") });
    expect(verify.body).to.deep.equal({ valid: true, entries: 10 });
  });

  it("sends a follow-up that found recurrence back to handling and counts the rework", async () => {
    const { event } = (await report(server.url, t.worker ?? "", buildReport(119.01, 33.51))).body;
    await step("officer", event.id, { action: "claim" });
    const dispatched = await step("officer", event.id, {
      action: "assess",
      severity: "general",
      decision: "dispatch",
      tasks: [{ departmentId: departments.education, role: "lead" }],
    });
    const taskId = dispatched.tasks[0].id;
    await step("edu", event.id, { action: "accept_task", taskId });
    await step("edu", event.id, { action: "complete_task", taskId, result: "done" });
    await step("officer", event.id, { action: "resolve", summary: "done" });
    await step("officer", event.id, {
      action: "schedule_follow_up",
      assigneeId: workerId,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const rework = await step("worker", event.id, {
      action: "record_follow_up",
      outcome: "recurred",
      note: "又开班了",
    });
    expect(rework).to.include({ status: "handling", reworkCount: 1 });
    expect(rework.tasks[0].status).to.equal("accepted");
  });

  it("escalates to the district, which assesses it afresh; the township may then no longer claim", async () => {
    const { event } = (await report(server.url, t.worker ?? "", buildReport(119.02, 33.58))).body;
    await step("officer", event.id, { action: "claim" });
    const escalated = await step("officer", event.id, {
      action: "assess",
      severity: "very_serious",
      decision: "escalate",
      reason: "涉及多区，需区级统筹",
    });
    expect(escalated).to.include({ status: "escalated", owningLevel: "district" });
    expect(Date.parse(escalated.deadlines.assessment) - Date.now()).to.be.closeTo(30 * 60_000, 10_000);
    await step("officer", event.id, { action: "claim" }, 403);
    const claimed = await step("district", event.id, { action: "claim" });
    expect(claimed.status).to.equal("assessing");
  });

  it("answers the ladder: 404 outside territory, 403 for a role, 409 stale, 422 for the state, 400 for fields", async () => {
    const { event } = (await report(server.url, t.worker ?? "", buildReport(119.02, 33.52))).body;
    const outside = await act(server.url, t.officer2 ?? "", event.id, { action: "claim", expectedVersion: 1 });
    expect(outside.status).to.equal(404);
    const role = await act(server.url, t.worker ?? "", event.id, { action: "claim", expectedVersion: 1 });
    expect(role.status).to.equal(403);
    await step("officer", event.id, { action: "claim" });
    const stale = await act(server.url, t.officer ?? "", event.id, { action: "claim", expectedVersion: 1 });
    expect(stale.status).to.equal(409);
    expect(stale.body.error).to.include({ code: "version_conflict" });
    expect(stale.body.error.details).to.deep.equal({ currentVersion: 2, status: "assessing" });
    const state = await act(server.url, t.officer ?? "", event.id, { action: "claim", expectedVersion: 2 });
    expect(state.status).to.equal(422);
    expect(state.body.error.code).to.equal("invalid_transition");
    expect(state.body.error.details.status).to.equal("assessing");
    expect(state.body.error.details.allowedActions).to.deep.equal(["assess", "urge", "comment"]);
    const fields = await act(server.url, t.officer ?? "", event.id, {
      action: "assess",
      expectedVersion: 2,
      severity: "huge",
      decision: "dispatch",
      tasks: [{ departmentId: departments.education, role: "assist" }],
    });
    expect(fields.status).to.equal(400);
    expect(fields.body.error.details.issues.map((issue: { path: string }) => issue.path)).to.include.members([
      "body.severity",
      "body.tasks",
    ]);
    const foreignDepartment = await act(server.url, t.officer ?? "", event.id, {
      action: "assess",
      expectedVersion: 2,
      severity: "general",
      decision: "dispatch",
      tasks: [{ departmentId: "0".repeat(24), role: "lead" }],
    });
    expect(foreignDepartment.status).to.equal(400);
    expect(foreignDepartment.body.error.details.issues[0].path).to.equal("body.tasks.0.departmentId");
    expect((await readEvent(server.url, t.officer ?? "", event.id)).version).to.equal(2);
  });

  it("lets exactly one of 50 concurrent conflicting actions through", async () => {
    const { event } = (await report(server.url, t.worker ?? "", buildReport(119.02, 33.52))).body;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        act(server.url, t.officer ?? "", event.id, { action: "claim", expectedVersion: 1 }),
      ),
    );
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).to.have.length(1);
    expect(statuses.filter((status) => status === 409)).to.have.length(49);
    const after = await readEvent(server.url, t.officer ?? "", event.id);
    expect(after.version).to.equal(2);
    expect(after.timeline.map((entry: { action: string }) => entry.action)).to.deep.equal(["report", "claim"]);
  });

  it("urges and comments without changing the state, bumping the version", async () => {
    const { event } = (await report(server.url, t.worker ?? "", buildReport(119.02, 33.52))).body;
    const urged = await step("district", event.id, { action: "urge", note: "请尽快研判" });
    expect(urged).to.include({ status: "reported", urgeCount: 1, version: 2 });
    const commented = await step("worker", event.id, { action: "comment", note: "现场又有家长聚集" });
    expect(commented).to.include({ status: "reported", version: 3 });
  });

  it("merges a duplicate into another event, noted on both timelines", async () => {
    const first = (await report(server.url, t.worker ?? "", buildReport(119.045, 33.545))).body.event;
    const second = await report(server.url, t.worker ?? "", buildReport(119.0452, 33.5451));
    expect(second.body.mergeCandidates.map((candidate: { id: string }) => candidate.id)).to.include(first.id);
    const listed = await request(`${server.url}/api/events/${second.body.event.id}/merge-candidates`, {
      headers: bearer(t.officer ?? ""),
    });
    expect(listed.body.items.map((candidate: { id: string }) => candidate.id)).to.include(first.id);
    const outsider = await request(`${server.url}/api/events/${second.body.event.id}/merge-candidates`, {
      headers: bearer(t.officer2 ?? ""),
    });
    expect(outsider.status).to.equal(404);
    await step("officer", second.body.event.id, { action: "claim" });
    const merged = await step("officer", second.body.event.id, {
      action: "assess",
      severity: "general",
      decision: "merge",
      mergeInto: first.id,
    });
    expect(merged).to.include({ status: "merged", mergedInto: first.id });
    const target = await readEvent(server.url, t.officer ?? "", first.id);
    expect(target.timeline.at(-1)).to.include({ action: "merge_received" });
  });
});
