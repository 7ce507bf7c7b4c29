import type { RunningServer } from "@gridrisk/server/server";
import {
  DEFAULT_DEADLINE_POLICY,
  DEFAULT_EVENT_CATEGORY_ENTRIES,
  DEFAULT_VIOLATION_CATEGORIES,
  type Role,
  shippedCalendarYear,
} from "@gridrisk/shared";
import { expect } from "chai";
import { plainImage } from "../attachments/photoFixtures";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/**
 * The routes authorizationMatrix.test.ts leaves out, by role × inside / outside the territory:
 * events (read, verify, merge candidates, report), presence, photo uploads and the admin-only
 * settings. Same accounts and territory as there; expected statuses written out by hand.
 */
type Row = {
  /** GET /api/events/:id, /verify and /merge-candidates of an event in G1 / in the other district. */
  eventRead: [number, number];
  /** POST /api/events at a point in G1 / in the other district. */
  report: [number, number];
  /** GET /api/presence?township= of the township of G1 / of the other district's township. */
  presence: [number, number];
  /** POST /api/attachments. */
  upload: number;
  /** PUT deadline policy, a working calendar, an event and a violation category; POST and PATCH a department. */
  settings: number;
};

const MATRIX: Record<Role, Row> = {
  grid_worker: { eventRead: [200, 404], report: [201, 403], presence: [403, 403], upload: 201, settings: 403 },
  township_officer: { eventRead: [200, 404], report: [201, 403], presence: [200, 404], upload: 201, settings: 403 },
  // A department handler sees the events its department has tasks on, and its own reports.
  department_handler: { eventRead: [404, 404], report: [201, 403], presence: [403, 403], upload: 201, settings: 403 },
  district_officer: { eventRead: [200, 404], report: [201, 403], presence: [200, 404], upload: 201, settings: 403 },
  city_monitor: { eventRead: [200, 200], report: [201, 201], presence: [200, 200], upload: 201, settings: 403 },
  supervisor: { eventRead: [200, 404], report: [403, 403], presence: [200, 404], upload: 403, settings: 403 },
  admin: { eventRead: [200, 200], report: [403, 403], presence: [200, 200], upload: 403, settings: 200 },
};

const INSIDE: [number, number] = [119.02, 33.52];
const OUTSIDE: [number, number] = [119.3, 33.6];

describe("authorization matrix: events, presence, uploads and settings by role × territory", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const tokens = {} as Record<Role, string>;
  const events = { inside: "", outside: "" };
  let departmentId = "";

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    const scopes: Record<Role, string> = {
      grid_worker: ids.grid,
      township_officer: ids.township,
      department_handler: ids.district,
      district_officer: ids.district,
      city_monitor: ids.city,
      supervisor: ids.district,
      admin: ids.city,
    };
    for (const [role, scope] of Object.entries(scopes) as [Role, string][]) {
      await createAccount({ username: `as.${role}`, role, scope: [scope] });
      tokens[role] = await signInAs(server.url, `as.${role}`);
    }
    departmentId = await ensureDepartment(ids.district, "market");
    await createAccount({ username: "reporter.in", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "reporter.out", role: "grid_worker", scope: [ids.otherGrid] });
    for (const [key, username, point] of [
      ["inside", "reporter.in", INSIDE],
      ["outside", "reporter.out", OUTSIDE],
    ] as const) {
      const res = await report(server.url, await signInAs(server.url, username), buildReport(...point));
      expect(res.status, res.text).to.equal(201);
      events[key] = res.body.event.id;
    }
  });
  after(() => server.close());

  const call = async (role: Role, method: string, path: string, body?: unknown) =>
    (
      await request(`${server.url}${path}`, {
        method,
        headers: { ...bearer(tokens[role]), ...(body ? { "Content-Type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
    ).status;

  for (const [role, row] of Object.entries(MATRIX) as [Role, Row][]) {
    describe(role, () => {
      it(`events: read ${row.eventRead.join("/")}, report ${row.report.join("/")}`, async () => {
        for (const [where, expected] of [
          ["inside", row.eventRead[0]],
          ["outside", row.eventRead[1]],
        ] as const) {
          for (const suffix of ["", "/verify", "/merge-candidates"]) {
            expect(await call(role, "GET", `/api/events/${events[where]}${suffix}`), `${where}${suffix}`).to.equal(
              expected,
            );
          }
        }
        const reportAt = async (point: [number, number]) =>
          (await report(server.url, tokens[role], buildReport(...point, { title: `由${role}上报` }))).status;
        expect(await reportAt(INSIDE), "report inside").to.equal(row.report[0]);
        expect(await reportAt(OUTSIDE), "report outside").to.equal(row.report[1]);
      });

      it(`presence ${row.presence.join("/")}, upload ${row.upload}, settings ${row.settings}`, async () => {
        expect(await call(role, "GET", `/api/presence?township=${ids.township}`), "presence inside").to.equal(
          row.presence[0],
        );
        expect(await call(role, "GET", `/api/presence?township=${ids.otherTownship}`), "presence outside").to.equal(
          row.presence[1],
        );
        const upload = await request(`${server.url}/api/attachments?purpose=report`, {
          method: "POST",
          headers: { ...bearer(tokens[role]), "Content-Type": "image/png" },
          body: await plainImage("png"),
        });
        expect(upload.status, upload.text).to.equal(row.upload);
        const category = DEFAULT_EVENT_CATEGORY_ENTRIES[0];
        const violation = DEFAULT_VIOLATION_CATEGORIES[0];
        const { year: _year, ...calendar } = shippedCalendarYear(2026) ?? { year: 2026 };
        const settings = [
          await call(role, "PUT", "/api/calendar/policy/deadlines", DEFAULT_DEADLINE_POLICY),
          await call(role, "PUT", "/api/calendar/2026", calendar),
          await call(role, "PUT", `/api/event-categories/${category?.code}`, category),
          await call(role, "PUT", `/api/violation-categories/${violation?.code}`, violation),
          // A created department answers 201; anything but a write by the admin is refused alike.
          (await call(role, "POST", "/api/departments", { code: `d_${role}`, name: role, regionId: ids.district })) ===
          201
            ? 200
            : 403,
          await call(role, "PATCH", `/api/departments/${departmentId}`, { name: `市场监督管理局 ${role}` }),
        ];
        expect(settings, "deadline policy, calendar, categories, department create and update").to.deep.equal(
          Array(6).fill(row.settings),
        );
        // Lists and the territory export answer everyone, each within their own territory.
        for (const path of ["/api/events", "/api/events/counts", "/api/territory/export", "/api/departments"]) {
          expect(await call(role, "GET", path), path).to.equal(200);
        }
      });
    });
  }
});
