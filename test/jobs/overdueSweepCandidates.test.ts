import { dueFromFacts, dueFromScan, newlyOverdueStages } from "@gridrisk/server/jobs/overdueSweep";
import { metricsStore } from "@gridrisk/server/metrics/metricsStore";
import { seedDemoEvents } from "@gridrisk/server/seed/seedDemoEvents";
import { expect } from "chai";
import { ensureDepartment } from "../helpers/accounts";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";

/** The events a sweep at `now` would mark, and the stages, from a list of candidates. */
const toMark = (candidates: Awaited<ReturnType<typeof dueFromScan>>, now: Date) =>
  candidates
    .map((candidate) => [String(candidate._id), newlyOverdueStages(candidate, now).join(",")])
    .filter(([, stages]) => stages)
    .sort();

describe("the overdue sweep's candidates from the facts in memory, as a scan would find them", () => {
  useTestDatabase();
  const seededAt = new Date("2026-11-20T04:00:00Z");

  before(async function () {
    this.timeout(60_000);
    const ids = await loadTerritoryFixture();
    for (const district of [ids.district, ids.otherDistrict]) {
      for (const code of ["education", "market", "finance", "fire", "public_security", "urban_management"]) {
        await ensureDepartment(district, code);
      }
    }
    await seedDemoEvents({ seed: 23, count: 240, days: 30, now: seededAt });
    await metricsStore.rebuild();
  });

  it("finds the same events with the same newly overdue stages at every moment", async () => {
    const facts = await metricsStore.current();
    let found = 0;
    for (const hours of [-240, -24, 0, 6, 24, 72, 240]) {
      const now = new Date(seededAt.getTime() + hours * 3600_000);
      const fromScan = toMark(await dueFromScan(now), now);
      expect(toMark(dueFromFacts(facts.values(), now), now), `at ${now.toISOString()}`).to.deep.equal(fromScan);
      found += fromScan.length;
    }
    expect(found, "some events come due over those moments").to.be.greaterThan(10);
  });
});
