import { SessionModel } from "@gridrisk/server/models/session";
import type { RunningServer } from "@gridrisk/server/server";
import {
  DEFAULT_DEADLINE_POLICY,
  DEFAULT_EVENT_CATEGORY_ENTRIES,
  DEFAULT_VIOLATION_CATEGORIES,
  shippedCalendarYear,
} from "@gridrisk/shared";
import { expect } from "chai";
import fc from "fast-check";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { changedCollections, databaseDigest } from "../helpers/databaseDigest";
import { buildReport, report } from "../helpers/eventHelpers";
import { type Credential, type HostileRequest, hostileRequestFor, type Samples } from "../helpers/hostileRequests";
import { postJson, request } from "../helpers/http";
import { buildInstitutionInput } from "../helpers/institutionFactory";
import { routeTable } from "../helpers/routeTable";
import { FIXTURE_FEATURES, loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/** Reproduce a run with FUZZ_SEED; FUZZ_REQUESTS makes it longer (a soak) or shorter. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 16;
/** Requests between two digests of the database. */
const BATCH = 100;
/** Written on purpose by refused requests (failed sign-ins) or by the scheduler on its own. */
const NOT_DIGESTED = ["login_throttles", "job_leases"];

describe(`hostile input: ${REQUESTS} generated requests over every route (seed ${SEED})`, function () {
  this.timeout(600_000);
  useTestDatabase();
  let server: RunningServer;
  let samples: Samples;
  /** Per resource, the id its `:id` routes reach when the parameter is not made hostile. */
  let idsByResource: Record<string, string> = {};
  const tokens = {} as Record<Credential, string>;

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "fuzz.admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "fuzz.worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "fuzz.expiring", role: "admin", scope: [ids.city] });
    const victim = await createAccount({ username: "fuzz.victim", role: "grid_worker", scope: [ids.grid] });
    tokens.admin = await signInAs(server.url, "fuzz.admin");
    tokens.worker = await signInAs(server.url, "fuzz.worker");
    tokens.expired = await signInAs(server.url, "fuzz.expiring");
    await SessionModel.updateOne(
      { _id: tokens.expired.split(".")[0] },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    tokens.forged = `${tokens.admin.split(".")[0]}.${"A".repeat(43)}`;
    tokens.garbage = "x.y";
    tokens.none = "";

    const event = (await report(server.url, tokens.worker, buildReport(119.02, 33.52))).body.event;
    const institution = (
      await postJson(`${server.url}/api/institutions`, buildInstitutionInput(119.02, 33.52), bearer(tokens.admin))
    ).body.institution;
    const departmentId = await ensureDepartment(ids.district);
    const { year: _year, ...calendar2026 } = shippedCalendarYear(2026) ?? { year: 2026 };
    samples = {
      params: { id: event.id, year: "2026", code: "unlicensed_training" },
      bodies: {
        "POST /api/auth/login": { username: "fuzz.nobody", password: "not-the-password" },
        "POST /api/events": buildReport(119.021, 33.521),
        "POST /api/events/:id/actions": { action: "claim", expectedVersion: 1 },
        "POST /api/institutions": buildInstitutionInput(119.03, 33.53),
        "PATCH /api/institutions/:id": { notes: "checked" },
        "POST /api/users": {
          username: "fuzz.new",
          name: "新用户",
          role: "grid_worker",
          scope: [ids.grid],
          password: "long-enough-password",
        },
        "PATCH /api/users/:id": { name: "改名", active: true },
        "POST /api/departments": { code: "education", name: "教育局", regionId: ids.district },
        "PATCH /api/departments/:id": { name: "教育局" },
        "PUT /api/calendar/:year": calendar2026,
        "PUT /api/calendar/policy/deadlines": DEFAULT_DEADLINE_POLICY,
        "PUT /api/violation-categories/:code": DEFAULT_VIOLATION_CATEGORIES[0],
        "PUT /api/event-categories/:code": DEFAULT_EVENT_CATEGORY_ENTRIES[0],
        "POST /api/territory/import": { type: "FeatureCollection", features: FIXTURE_FEATURES.slice(0, 3) },
      },
      queries: {
        "GET /api/events": { status: "reported", bbox: "119,33.5,119.2,33.7", limit: "10", sort: "deadline" },
        "GET /api/events/counts": { region: ids.district },
        "GET /api/institutions": { q: "艺术", near: "119.02,33.52", radius: "500", type: "arts" },
        "GET /api/regions": { level: "grid", parent: ids.community, q: "网格", limit: "5" },
        "GET /api/regions/locate": { lng: "119.02", lat: "33.52" },
        "GET /api/users": { limit: "5" },
        "GET /api/departments": { region: ids.district },
        "POST /api/territory/import": { dryRun: "true" },
        "GET /api/presence": { region: ids.township },
      },
    };
    idsByResource = {
      institutions: institution.id,
      users: victim,
      departments: departmentId,
      attachments: event.id,
    };
  });
  after(() => server.close());

  it("never answers 5xx, stays alive, and leaves the database as it was after every refused request", async () => {
    const routes = routeTable(server.app);
    const generators = routes.map((route) => {
      const resource = route.path.split("/")[2] ?? "";
      const params = { ...samples.params, ...(idsByResource[resource] ? { id: idsByResource[resource] } : {}) };
      return hostileRequestFor(route, { ...samples, params });
    });
    const requests: HostileRequest[] = fc.sample(fc.oneof(...generators), { seed: SEED, numRuns: REQUESTS });

    const serverErrors: string[] = [];
    const changedByRefusals: string[] = [];
    const statuses: Record<string, number> = {};
    let accepted = 0;
    let acceptedWritesInAll = 0;
    let checkedBatches = 0;
    let batches = 0;
    let baseline = await databaseDigest(NOT_DIGESTED);
    const started = Date.now();

    for (let start = 0; start < requests.length; start += BATCH) {
      const batch = requests.slice(start, start + BATCH);
      let acceptedWrites = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < batch.length) {
            const index = start + next;
            const hostile = batch[next++] as HostileRequest;
            const status = await send(server.url, hostile, tokens[hostile.credential]);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status >= 500 || status === 0) serverErrors.push(`#${index} ${status} ${summarize(hostile)}`);
            if (status < 400) {
              accepted += 1;
              if (hostile.method !== "GET") acceptedWrites += 1;
            }
          }
        }),
      );
      const digest = await databaseDigest(NOT_DIGESTED);
      const changed = changedCollections(baseline, digest);
      batches += 1;
      acceptedWritesInAll += acceptedWrites;
      if (acceptedWrites === 0) checkedBatches += 1;
      if (changed.length && acceptedWrites === 0) {
        changedByRefusals.push(`requests #${start}–#${start + batch.length - 1} changed ${changed.join(", ")}`);
      }
      baseline = digest;
    }

    const health = await request(`${server.url}/healthz`);
    process.stderr.write(
      `      (${requests.length} requests in ${Date.now() - started} ms, seed ${SEED}; statuses ${JSON.stringify(statuses)}; ` +
        `${accepted} accepted, ${acceptedWritesInAll} of them writes; database compared around ${checkedBatches} ` +
        `of ${batches} batches of ${BATCH}, the others held an accepted write)\n`,
    );
    expect(serverErrors, "5xx or no answer (replay with FUZZ_SEED)").to.deep.equal([]);
    expect(changedByRefusals, "database changed by refused requests").to.deep.equal([]);
    expect(health.status).to.equal(200);
    // Most of what was sent must have been refused, or the generator is not hostile at all.
    expect(accepted).to.be.below(requests.length * 0.2);
    // And the digest must have guarded most of the run, not only a few batches.
    expect(checkedBatches).to.be.at.least(batches * 0.6);
  });
});

/** Sends one hostile request; resolves with its status, or 0 when the server did not answer. */
async function send(baseUrl: string, hostile: HostileRequest, token: string): Promise<number> {
  const headers: Record<string, string> = {
    ...hostile.headers,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
  try {
    const res = await fetch(`${baseUrl}${hostile.url}`, {
      method: hostile.method,
      headers,
      ...(hostile.body !== undefined ? { body: hostile.body } : {}),
    });
    await res.arrayBuffer();
    return res.status;
  } catch (error) {
    // The server answers a body over the limit with 413 before reading it all and closes the
    // connection, which fetch may report as a reset while it is still sending: that is a refusal.
    const cause = (error as { cause?: { code?: string } }).cause;
    const reset = cause?.code === "ECONNRESET" || cause?.code === "EPIPE" || cause?.code === "UND_ERR_SOCKET";
    if (reset && typeof hostile.body === "object" && hostile.body.length > 1024 * 1024) return 413;
    return 0;
  }
}

function summarize(hostile: HostileRequest): string {
  const body =
    typeof hostile.body === "string"
      ? hostile.body.slice(0, 160)
      : hostile.body
        ? `<${hostile.body.length} bytes>`
        : "";
  return `${hostile.method} ${hostile.url.slice(0, 160)} as ${hostile.credential} [${hostile.mutation}] ${body}`;
}
