import { metricsStore } from "@gridrisk/server/metrics/metricsStore";
import { EventModel } from "@gridrisk/server/models/event";
import type { Actor } from "@gridrisk/server/policies/actor";
import {
  countFromDatabase,
  countFromFacts,
  type EventListPage,
  listEvents,
  listFromDatabase,
  listFromFacts,
} from "@gridrisk/server/routes/events/eventListQuery";
import { seedDemoEvents } from "@gridrisk/server/seed/seedDemoEvents";
import { eventListQuerySchema } from "@gridrisk/shared";
import { expect } from "chai";
import { Types } from "mongoose";
import { ensureDepartment } from "../helpers/accounts";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";

/** Every page of a list, walked with its cursors: the ids of each page. */
async function walk(list: (query: ReturnType<typeof parse>) => Promise<EventListPage>, params: Record<string, string>) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await list(parse({ ...params, ...(cursor ? { cursor } : {}) }));
    pages.push(page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 200);
  return pages;
}
const parse = (params: Record<string, string>) => eventListQuerySchema.parse(params);

describe("the event list picked from the facts in memory, as the database would answer it", () => {
  useTestDatabase();
  const now = new Date("2026-11-20T04:00:00Z");
  const actors: Record<string, Actor> = {};
  let reporter = "";
  let follower = "";
  let institution = "";
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;

  before(async function () {
    this.timeout(120_000);
    ids = await loadTerritoryFixture();
    const departments: Record<string, string> = {};
    for (const district of [ids.district, ids.otherDistrict]) {
      for (const code of ["education", "market", "finance", "fire", "public_security", "urban_management"]) {
        departments[`${district}:${code}`] = await ensureDepartment(district, code);
      }
    }
    expect(await seedDemoEvents({ seed: 11, count: 240, days: 60, now })).to.equal(240);
    // Give some events a known reporter, follow-up visitor and institution, as the lists filter by them.
    const all = await EventModel.find({}, { _id: 1 }).sort({ _id: 1 }).lean();
    reporter = new Types.ObjectId().toHexString();
    follower = new Types.ObjectId().toHexString();
    institution = new Types.ObjectId().toHexString();
    const some = (every: number, offset: number) =>
      all.filter((_, index) => index % every === offset).map((e) => e._id);
    const collection = EventModel.collection;
    await collection.updateMany({ _id: { $in: some(7, 1) } }, { $set: { reporterId: new Types.ObjectId(reporter) } });
    await collection.updateMany(
      { _id: { $in: some(9, 2) } },
      { $set: { followUp: { assigneeId: new Types.ObjectId(follower), dueAt: now, outcome: null } } },
    );
    await collection.updateMany(
      { _id: { $in: some(5, 3) } },
      { $set: { institutionId: new Types.ObjectId(institution) } },
    );
    // Ties in the sort values, which the lists break by id.
    await collection.updateMany(
      { _id: { $in: some(6, 4) } },
      { $set: { createdAt: new Date("2026-10-20T02:00:00Z") } },
    );
    await collection.updateMany(
      { _id: { $in: some(4, 0) }, nextDeadline: { $ne: null } },
      { $set: { nextDeadline: new Date("2026-11-21T02:00:00Z") } },
    );
    const base = { username: "x", name: "x", sessionId: "s" };
    actors.city = { ...base, id: new Types.ObjectId().toHexString(), role: "city_monitor", scope: [ids.city] };
    actors.township = { ...base, id: follower, role: "township_officer", scope: [ids.township] };
    actors.district = { ...base, id: reporter, role: "district_officer", scope: [ids.district, ids.otherGrid] };
    actors.department = {
      ...base,
      id: reporter,
      role: "department_handler",
      scope: [ids.district],
      departmentId: departments[`${ids.district}:education`] as string,
    };
    await metricsStore.rebuild();
    expect(metricsStore.built).to.equal(true);
  });

  const queries: Record<string, string>[] = [
    {},
    { sort: "createdAt" },
    { sort: "deadline" },
    { status: "reported,assessing,dispatched,handling,resolved,follow_up", sort: "deadline" },
    { status: "closed,dismissed" },
    { severity: "major,serious" },
    { category: "prepaid_fee_risk,unlicensed_training" },
    { overdue: "true", sort: "deadline" },
    { overdue: "false" },
    { createdFrom: "2026-10-15T00:00:00.000Z", createdTo: "2026-11-05T00:00:00.000Z" },
    { bbox: "119.0,33.5,119.1,33.6" },
    { mine: "true" },
    { followUpMine: "true" },
    { institution: "" },
    { region: "" },
    { region: "", status: "handling,resolved", sort: "createdAt" },
  ];

  it("gives the same pages, in the same order with the same cursors, for every role and query", async function () {
    this.timeout(180_000);
    let compared = 0;
    for (const [name, actor] of Object.entries(actors)) {
      for (const raw of queries) {
        const params: Record<string, string> = { ...raw, limit: "60" };
        if (raw.institution !== undefined) params.institution = institution;
        if (raw.region !== undefined) params.region = ids.township;
        const fromDatabase = await walk((query) => listFromDatabase(query, actor), params);
        const facts = await metricsStore.current();
        const fromFacts = await walk((query) => listFromFacts(query, actor, facts.values()), params);
        expect(fromFacts, `${name} ${JSON.stringify(params)}`).to.deep.equal(fromDatabase);
        compared += fromDatabase.flat().length;
      }
    }
    expect(compared, "the queries select events at all").to.be.greaterThan(500);
  });

  it("counts by status as the database does", async () => {
    const facts = await metricsStore.current();
    for (const actor of Object.values(actors)) {
      expect(countFromFacts(actor, undefined, facts.values())).to.deep.equal(await countFromDatabase(actor));
      expect(countFromFacts(actor, ids.township, facts.values())).to.deep.equal(
        await countFromDatabase(actor, ids.township),
      );
    }
  });

  it("shows an event as it is now, or leaves it out, when it changed after its fact was read", async () => {
    const actor = actors.city as Actor;
    const facts = await metricsStore.current();
    const list = (params: Record<string, string>) => listFromFacts(parse(params), actor, facts.values());
    const params = { status: "handling", sort: "createdAt", limit: "500" };
    const before = (await list(params)).items;
    const moved = before[0];
    expect(moved, "an event in handling").to.be.ok;
    // Changed behind the facts' back (as another instance would, before its change log entry is read).
    await EventModel.collection.updateOne({ _id: new Types.ObjectId(moved?.id) }, { $set: { status: "resolved" } });
    expect(facts.get(moved?.id as string)?.status, "the fact is stale").to.equal("handling");
    const after = (await list(params)).items.map((item) => item.id);
    expect(after).to.deep.equal(before.slice(1).map((item) => item.id));
    const resolved = (await list({ status: "resolved", sort: "createdAt", limit: "500" })).items.map((i) => i.id);
    expect(resolved, "not yet listed where it now belongs: its fact says otherwise").to.not.include(moved?.id);
  });

  it("answers a text search (q) from the database", async () => {
    const actor = actors.city as Actor;
    expect(metricsStore.built).to.equal(true);
    const [some] = (await listEvents(parse({ limit: "1" }), actor)).items;
    const found = await listEvents(parse({ q: some?.code ?? "", limit: "50" }), actor);
    expect(found.items.map((item) => item.code)).to.deep.equal([some?.code]);
  });
});
