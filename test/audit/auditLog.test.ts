import { recordAudit } from "@gridrisk/server/audit/recordAudit";
import type { RunningServer } from "@gridrisk/server/server";
import { DEFAULT_DEADLINE_POLICY, DEFAULT_EVENT_CATEGORY_ENTRIES, shippedCalendarYear } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { postJson, request } from "../helpers/http";
import { FIXTURE_FEATURES, loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

interface AuditItem {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  requestId: string | null;
  actor: { id: string | null; name: string; role: string };
  changes: { field: string; before: unknown; after: unknown }[];
  note: string | null;
}

describe("audit log", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  let adminId = "";
  const t: Record<string, string> = {};
  const send = (method: string, path: string, body?: unknown, who = "admin") =>
    request(`${server.url}${path}`, {
      method,
      headers: { ...bearer(t[who] ?? ""), "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const audit = async (query = "", who = "admin") =>
    (await request(`${server.url}/api/audit?${query}`, { headers: bearer(t[who] ?? "") })).body.items as AuditItem[];
  const latest = async (entityType: string) => (await audit(`entityType=${entityType}&limit=1`))[0] as AuditItem;

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    adminId = await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "supervisor", role: "supervisor", scope: [ids.city] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    for (const who of ["admin", "supervisor", "district"]) t[who] = await signInAs(server.url, who);
  });
  after(() => server.close());

  it("records a user's creation and each changed field, with actor and request id, never a password", async () => {
    const created = await postJson(
      `${server.url}/api/users`,
      { username: "wang", name: "王", role: "grid_worker", scope: [ids.grid], password: "a-long-password" },
      { ...bearer(t.admin ?? ""), "X-Request-Id": "audit-test-create-1" },
    );
    expect(created.status).to.equal(201);
    const userId = created.body.user.id;
    const creation = await latest("user");
    expect(creation).to.include({ action: "create", entityId: userId, requestId: "audit-test-create-1" });
    expect(creation.actor).to.deep.equal({ id: adminId, name: "Test admin", role: "admin" });
    expect(creation.changes).to.deep.include({ field: "role", before: null, after: "grid_worker" });

    const patched = await send("PATCH", `/api/users/${userId}`, {
      role: "township_officer",
      scope: [ids.township],
      password: "another-long-password",
    });
    expect(patched.status).to.equal(200);
    const update = await latest("user");
    expect(update).to.include({ action: "update", entityId: userId, note: "password set" });
    expect(update.changes).to.deep.include({ field: "role", before: "grid_worker", after: "township_officer" });
    expect(update.changes).to.deep.include({ field: "scope", before: [ids.grid], after: [ids.township] });
    expect(JSON.stringify(await audit())).to.not.match(/long-password|argon2/);
  });

  it("records departments, categories, the deadline policy, a calendar year and a territory import", async () => {
    const department = await send("POST", "/api/departments", {
      code: "fire",
      name: "消防救援大队",
      regionId: ids.district,
    });
    expect(department.status).to.equal(201);
    expect(await latest("department")).to.include({ action: "create", entityId: department.body.department.id });
    await send("PATCH", `/api/departments/${department.body.department.id}`, { name: "消防救援支队" });
    expect((await latest("department")).changes).to.deep.equal([
      { field: "name", before: "消防救援大队", after: "消防救援支队" },
    ]);

    const category = { ...(DEFAULT_EVENT_CATEGORY_ENTRIES[0] as { code: string }), active: false };
    expect((await send("PUT", `/api/event-categories/${category.code}`, category)).status).to.equal(200);
    expect(await latest("event_category")).to.deep.include({
      action: "update",
      entityId: category.code,
      changes: [{ field: "active", before: true, after: false }],
    });

    const policy = structuredClone(DEFAULT_DEADLINE_POLICY) as unknown as Record<string, Record<string, unknown>>;
    const firstGrade = Object.keys(policy)[0] as string;
    const firstStage = Object.keys(policy[firstGrade] ?? {})[0] as string;
    const stage = policy[firstGrade]?.[firstStage] as Record<string, unknown>;
    const changedKey = Object.keys(stage).find((key) => typeof stage[key] === "number") as string;
    const beforeValue = stage[changedKey] as number;
    stage[changedKey] = beforeValue + 1;
    const savedPolicy = await send("PUT", "/api/calendar/policy/deadlines", policy);
    expect(savedPolicy.status, savedPolicy.text).to.equal(200);
    expect((await latest("deadline_policy")).changes).to.deep.equal([
      { field: `${firstGrade}.${firstStage}.${changedKey}`, before: beforeValue, after: beforeValue + 1 },
    ]);

    const { year: _year, ...shipped } = shippedCalendarYear(2026) as NonNullable<
      ReturnType<typeof shippedCalendarYear>
    >;
    const calendar = await send("PUT", "/api/calendar/2026", {
      ...shipped,
      holidays: [...shipped.holidays, "2026-03-02"],
    });
    expect(calendar.status, calendar.text).to.equal(200);
    const calendarEntry = await latest("calendar_year");
    expect(calendarEntry).to.include({ action: "update", entityId: "2026" });
    expect(calendarEntry.changes.map((change) => change.field)).to.include("holidays");

    const renamed = FIXTURE_FEATURES.map((feature) =>
      feature.properties.code === "320812"
        ? { ...feature, properties: { ...feature.properties, name: "新区名" } }
        : feature,
    );
    const imported = await send("POST", "/api/territory/import", { type: "FeatureCollection", features: renamed });
    expect(imported.status, imported.text).to.equal(200);
    const importEntry = await latest("territory");
    expect(importEntry.action).to.equal("import");
    expect(importEntry.note).to.match(/1 updated/);
    // And the region itself, field by field: only the one that changed.
    const regions = await audit("entityType=region&limit=100");
    expect(regions.map((entry) => [entry.action, entry.entityId])).to.deep.equal([["update", "320812"]]);
    expect(regions[0]?.changes).to.deep.equal([{ field: "name", before: "清江浦区", after: "新区名" }]);
  });

  it("records what other commands hand to recordAudit (e.g. inspection plans later)", async () => {
    await recordAudit({
      actor: { id: adminId, name: "Test admin", role: "admin" },
      action: "create",
      entityType: "inspection_plan",
      entityId: "plan-1",
      before: null,
      after: { name: "暑期联合检查", rrule: "FREQ=WEEKLY" },
    });
    expect((await latest("inspection_plan")).changes).to.have.length(2);
  });

  it("is searchable by actor, entity type, entity id and period, newest first, in pages", async () => {
    const all = await audit("limit=100");
    expect(all.length).to.be.greaterThan(6);
    expect((await audit(`actor=${adminId}&limit=100`)).length).to.equal(all.length);
    expect(await audit("actor=000000000000000000000000")).to.deep.equal([]);
    const users = await audit("entityType=user");
    expect(users.map((entry) => entry.action)).to.deep.equal(["update", "create"]);
    expect((await audit(`entityType=user&entityId=${users[0]?.entityId}`)).length).to.equal(2);
    expect(await audit("from=2099-01-01T00:00:00Z")).to.deep.equal([]);
    expect((await audit("from=2020-01-01T00:00:00Z&to=2099-01-01T00:00:00Z&limit=100")).length).to.equal(all.length);
    const page = await request(`${server.url}/api/audit?limit=2`, { headers: bearer(t.supervisor ?? "") });
    expect(page.status).to.equal(200);
    const next = await audit(`limit=100&before=${page.body.nextBefore}`, "supervisor");
    expect([...page.body.items, ...next].map((entry: AuditItem) => entry.id)).to.deep.equal(
      all.map((entry) => entry.id),
    );
  });

  it("walks the ladder: 401, 400 naming the field, 403 for other roles", async () => {
    expect((await request(`${server.url}/api/audit`)).status).to.equal(401);
    const bad = await request(`${server.url}/api/audit?entityType=DROP`, { headers: bearer(t.admin ?? "") });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.message).to.equal("query.entityType: must be an entity type such as user or department");
    const district = await request(`${server.url}/api/audit`, { headers: bearer(t.district ?? "") });
    expect(district.status).to.equal(403);
  });

  it("offers no way to edit or delete an entry", async () => {
    const before = await audit("limit=100");
    const id = before[0]?.id as string;
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of ["/api/audit", `/api/audit/${id}`]) {
        const res = await send(method, path, method === "DELETE" ? undefined : { note: "rewritten" });
        expect(res.status, `${method} ${path}`).to.equal(404);
        expect(res.body.error.code).to.equal("route_not_found");
      }
    }
    expect(await audit("limit=100")).to.deep.equal(before);
  });
});
