import type { RunningServer } from "@gridrisk/server/server";
import { DEFAULT_VIOLATION_CATEGORIES } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { act, buildReport, readEvent, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("violation categories and enforcement records (依法查处)", () => {
  useTestDatabase();
  let server: RunningServer;
  const t: Record<string, string> = {};
  let department = "";

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    department = await ensureDepartment(ids.district, "education");
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({
      username: "edu",
      role: "department_handler",
      scope: [ids.district],
      departmentId: department,
    });
    for (const who of ["admin", "worker", "officer", "edu"]) t[who] = await signInAs(server.url, who);
  });
  after(() => server.close());

  const put = (who: string, code: string, body: unknown) =>
    request(`${server.url}/api/violation-categories/${code}`, {
      method: "PUT",
      headers: { ...bearer(t[who] ?? ""), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("ships 13 categories, which only the admin may change", async () => {
    const list = await request(`${server.url}/api/violation-categories`, { headers: bearer(t.worker ?? "") });
    expect(list.body.items).to.have.length(13);
    const category = {
      ...(DEFAULT_VIOLATION_CATEGORIES[0] as (typeof DEFAULT_VIOLATION_CATEGORIES)[number]),
      legalBasis: "《民办教育促进法》第六十四条",
    };
    expect((await put("officer", category.code, category)).status).to.equal(403);
    const saved = await put("admin", category.code, category);
    expect(saved.status).to.equal(200);
    const after = await request(`${server.url}/api/violation-categories`, { headers: bearer(t.worker ?? "") });
    expect(after.body.items.find((item: { code: string }) => item.code === category.code).legalBasis).to.equal(
      "《民办教育促进法》第六十四条",
    );
    expect((await put("admin", "other_code", category)).status).to.equal(400);
  });

  it("records the violation and the enforcement action with the task, and refuses an unknown category", async () => {
    const { event } = (await report(server.url, t.worker ?? "", buildReport(119.02, 33.52))).body;
    await act(server.url, t.officer ?? "", event.id, { action: "claim", expectedVersion: 1 });
    const dispatched = (
      await act(server.url, t.officer ?? "", event.id, {
        action: "assess",
        expectedVersion: 2,
        severity: "major",
        decision: "dispatch",
        tasks: [{ departmentId: department, role: "lead" }],
      })
    ).body.event;
    const taskId = dispatched.tasks[0].id;
    await act(server.url, t.edu ?? "", event.id, { action: "accept_task", expectedVersion: 3, taskId });
    const unknown = await act(server.url, t.edu ?? "", event.id, {
      action: "complete_task",
      expectedVersion: 4,
      taskId,
      result: "已查处",
      violation: { category: "no_such_thing", enforcementAction: "罚款" },
    });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.details.issues[0].path).to.equal("body.violation.category");
    const done = await act(server.url, t.edu ?? "", event.id, {
      action: "complete_task",
      expectedVersion: 4,
      taskId,
      result: "已责令停止举办并退费",
      violation: { category: "unlicensed_operation", enforcementAction: "责令停止举办，退还所收费用，罚款2万元" },
    });
    expect(done.status, done.text).to.equal(200);
    const stored = await readEvent(server.url, t.officer ?? "", event.id);
    expect(stored.violations).to.have.length(1);
    expect(stored.violations[0]).to.include({ category: "unlicensed_operation", taskId });
    expect(stored.timeline.at(-1).fields.violation.category).to.equal("unlicensed_operation");
  });
});

describe("risk categories the admin maintains", () => {
  useTestDatabase();
  let server: RunningServer;
  const t: Record<string, string> = {};

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    for (const who of ["admin", "worker"]) t[who] = await signInAs(server.url, who);
  });
  after(() => server.close());

  const put = (code: string, body: unknown) =>
    request(`${server.url}/api/event-categories/${code}`, {
      method: "PUT",
      headers: { ...bearer(t.admin ?? ""), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("accepts a category the admin added, refuses unknown and retired ones", async () => {
    const unknown = await report(
      server.url,
      t.worker ?? "",
      buildReport(119.02, 33.52, { category: "illegal_fundraising" as never }),
    );
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.details.issues[0]).to.deep.equal({
      path: "body.category",
      message: "is not an active risk category",
    });
    expect(
      (await put("illegal_fundraising", { code: "illegal_fundraising", name: "非法集资", active: true })).status,
    ).to.equal(200);
    const added = await report(
      server.url,
      t.worker ?? "",
      buildReport(119.02, 33.52, { category: "illegal_fundraising" as never }),
    );
    expect(added.status, added.text).to.equal(201);
    expect(added.body.event.category).to.equal("illegal_fundraising");
    expect((await put("over_hours", { code: "over_hours", name: "超时培训", active: false })).status).to.equal(200);
    expect(
      (await report(server.url, t.worker ?? "", buildReport(119.02, 33.52, { category: "over_hours" as never })))
        .status,
    ).to.equal(400);
    const list = await request(`${server.url}/api/event-categories`, { headers: bearer(t.worker ?? "") });
    expect(list.body.items).to.have.length(10);
  });
});
