import { AuditEntryModel } from "@gridrisk/server/models/auditEntry";
import { DepartmentModel } from "@gridrisk/server/models/department";
import { seedDepartments } from "@gridrisk/server/seed/demoSeed";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { Types } from "mongoose";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { buildInstitutionInput } from "../helpers/institutionFactory";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("inspection plans API", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const tokens: Record<string, string> = {};
  const call = (method: string, path: string, who?: string, body?: unknown) =>
    request(`${server.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(who ? bearer(tokens[who] ?? "") : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const plan = (overrides: Record<string, unknown> = {}) => ({
    name: "每月学科类专项检查",
    regionId: ids.district,
    scope: { regionIds: [ids.township] },
    recurrence: { startDate: "2026-01-01", rrule: "FREQ=WEEKLY;BYDAY=MO,TH" },
    window: { start: "09:00", end: "17:00" },
    assignee: { kind: "grid_worker" },
    checklist: ["办学许可证公示", "收费公示"],
    ...overrides,
  });

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    await createAccount({ username: "other", role: "district_officer", scope: [ids.otherDistrict] });
    await createAccount({ username: "township", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "handler", role: "department_handler", scope: [ids.district] });
    for (const who of ["admin", "district", "other", "township", "worker", "handler"])
      tokens[who] = await signInAs(server.url, who);
    const low = buildInstitutionInput(119.02, 33.52, { name: "低风险艺术中心" });
    const high = buildInstitutionInput(119.03, 33.58, {
      name: "高风险学科辅导",
      type: "subject",
      licenceStatus: "unlicensed",
      fundSupervision: "abnormal",
    });
    for (const body of [low, high])
      expect((await call("POST", "/api/institutions", "admin", body)).status).to.equal(201);
  });
  after(() => server.close());

  it("answers 401 without a token", async () => {
    expect((await call("GET", "/api/inspection-plans")).status).to.equal(401);
    expect((await call("POST", "/api/inspection-plans", undefined, plan())).status).to.equal(401);
  });

  it("answers 400 naming the field with the RRULE parser's message", async () => {
    const res = await call(
      "POST",
      "/api/inspection-plans",
      "district",
      plan({ recurrence: { startDate: "2026-01-01", rrule: "FREQ=WEEKLY;FOO=1" } }),
    );
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal("validation_failed");
    expect(res.body.error.details.issues).to.deep.include({
      path: "body.recurrence.rrule",
      message: "is not a valid RRULE: Unknown RRULE property 'FOO'",
    });
  });

  it("answers 400 for a window that ends before it starts and a scope region outside the plan's region", async () => {
    const window = await call(
      "POST",
      "/api/inspection-plans",
      "district",
      plan({ window: { start: "17:00", end: "09:00" } }),
    );
    expect(window.status).to.equal(400);
    expect(window.body.error.details.issues).to.deep.include({
      path: "body.window.end",
      message: "must be after start",
    });
    const scope = await call(
      "POST",
      "/api/inspection-plans",
      "district",
      plan({ scope: { regionIds: [ids.otherTownship] } }),
    );
    expect(scope.status).to.equal(400);
    expect(scope.body.error.details.issues).to.deep.include({
      path: "body.scope.regionIds.0",
      message: "is not a region inside the plan's region",
    });
  });

  it("answers 403 to a role that may not plan, 404 for a region outside the officer's territory", async () => {
    expect((await call("POST", "/api/inspection-plans", "township", plan())).status).to.equal(403);
    expect((await call("POST", "/api/inspection-plans", "worker", plan())).status).to.equal(403);
    const outside = await call("POST", "/api/inspection-plans", "other", plan());
    expect(outside.status).to.equal(404);
    expect(outside.body.error.message).to.equal(`Region ${ids.district} was not found.`);
  });

  it("accepts the demo seed's departments, and one stored without `active` (as older seeds stored them)", async () => {
    await seedDepartments();
    const seeded = await DepartmentModel.collection.find({ regionId: new Types.ObjectId(ids.district) }).toArray();
    expect(seeded.length).to.be.greaterThan(0);
    expect(seeded.every((department) => department.active === true)).to.equal(true);
    const education = seeded.find((department) => department.code === "education");
    await DepartmentModel.collection.updateOne({ _id: education?._id }, { $unset: { active: "" } });
    const created = await call("POST", "/api/inspection-plans", "district", {
      ...plan({ name: "部门联合检查" }),
      departmentIds: [String(education?._id)],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const planId = created.body.plan.id as string;
    expect((await call("DELETE", `/api/inspection-plans/${planId}`, "admin")).status).to.equal(204);
    await DepartmentModel.collection.updateOne({ _id: education?._id }, { $set: { active: false } });
    const refused = await call("POST", "/api/inspection-plans", "district", {
      ...plan({ name: "停用部门检查" }),
      departmentIds: [String(education?._id)],
    });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.details.issues[0].path).to.equal("body.departmentIds.0");
    await DepartmentModel.collection.updateOne({ _id: education?._id }, { $set: { active: true } });
  });

  it("creates a plan, lists its occurrences and its targets riskiest first; others' plans stay hidden", async () => {
    await ensureDepartment(ids.district, "education");
    const created = await call("POST", "/api/inspection-plans", "district", plan());
    expect(created.status).to.equal(201);
    const id = created.body.plan.id as string;
    expect(created.body.plan.version).to.equal(1);
    const occurrences = await call(
      "GET",
      `/api/inspection-plans/${id}/occurrences?from=2026-03-01&to=2026-03-08`,
      "district",
    );
    expect(occurrences.status).to.equal(200);
    expect(occurrences.body.items.map((item: { date: string }) => item.date)).to.deep.equal([
      "2026-03-02",
      "2026-03-05",
    ]);
    expect(occurrences.body.items[0].startsAt).to.equal("2026-03-02T01:00:00.000Z");
    const targets = await call("GET", `/api/inspection-plans/${id}/targets`, "district");
    expect(targets.body.items.map((item: { name: string }) => item.name)).to.deep.equal([
      "高风险学科辅导",
      "低风险艺术中心",
    ]);
    expect(targets.body.items[0].risk.score).to.be.greaterThan(targets.body.items[1].risk.score);
    expect((await call("GET", `/api/inspection-plans/${id}`, "other")).status).to.equal(404);
    const listed = await call("GET", "/api/inspection-plans", "other");
    expect(listed.body.items).to.deep.equal([]);
    expect((await call("GET", "/api/inspection-plans", "township")).body.items).to.have.length(1);
  });

  it("shows an institution's risk profile: its events, status and the explained score; 404 outside territory", async () => {
    const listed = await call("GET", "/api/institutions?q=%E9%AB%98%E9%A3%8E%E9%99%A9", "admin");
    const institutionId = listed.body.items[0].id as string;
    const reported = await report(server.url, tokens.worker ?? "", buildReport(119.03, 33.58, { institutionId }));
    expect(reported.status).to.equal(201);
    const res = await call("GET", `/api/institutions/${institutionId}/risk-profile`, "district");
    expect(res.status).to.equal(200);
    const { profile } = res.body;
    expect(profile.institution).to.include({ licenceStatus: "unlicensed", fundSupervision: "abnormal" });
    expect(profile.events.map((event: { id: string }) => event.id)).to.deep.equal([reported.body.event.id]);
    // subject 10 + unlicensed 30 + abnormal 30 + one open event 8 + one recent event 4 + never inspected 15.
    expect(profile.risk.score).to.equal(97);
    const open = profile.risk.factors.find((factor: { factor: string }) => factor.factor === "openEvents");
    expect(open).to.include({ value: 1, points: 8 });
    expect((await call("GET", `/api/institutions/${institutionId}/risk-profile`, "other")).status).to.equal(404);
    // A department handler with no task on the event: the same score, but not the event; its own report it sees.
    const handler = await call("GET", `/api/institutions/${institutionId}/risk-profile`, "handler");
    expect(handler.status).to.equal(200);
    expect(handler.body.profile.risk.score).to.equal(97);
    expect(handler.body.profile.events).to.deep.equal([]);
    const own = await report(server.url, tokens.handler ?? "", buildReport(119.03, 33.58, { institutionId }));
    expect(own.status).to.equal(201);
    const after = await call("GET", `/api/institutions/${institutionId}/risk-profile`, "handler");
    expect(after.body.profile.events.map((event: { id: string }) => event.id)).to.deep.equal([own.body.event.id]);
  });

  it("replaces a plan with the version it was read at, 409 on a stale one, and deletes it", async () => {
    const created = await call("POST", "/api/inspection-plans", "admin", plan({ regionId: ids.city }));
    const id = created.body.plan.id as string;
    const edited = await call("PUT", `/api/inspection-plans/${id}`, "admin", {
      ...plan({ regionId: ids.city, name: "改名" }),
      expectedVersion: 1,
    });
    expect(edited.status).to.equal(200);
    expect(edited.body.plan).to.include({ name: "改名", version: 2 });
    const stale = await call("PUT", `/api/inspection-plans/${id}`, "admin", {
      ...plan({ regionId: ids.city }),
      expectedVersion: 1,
    });
    expect(stale.status).to.equal(409);
    expect((await call("DELETE", `/api/inspection-plans/${id}`, "admin")).status).to.equal(204);
    expect((await call("GET", `/api/inspection-plans/${id}`, "admin")).status).to.equal(404);
    // Each change is in the audit log, with the renamed field's before and after; the refused edit is not.
    const entries = await AuditEntryModel.find({ entityType: "inspection_plan", entityId: id }).sort({ _id: 1 }).lean();
    expect(entries.map((entry) => entry.action)).to.deep.equal(["create", "update", "delete"]);
    expect(entries[1]?.changes.find((change) => change.field === "name")).to.include({
      before: JSON.stringify(created.body.plan.name),
      after: JSON.stringify("改名"),
    });
  });
});
