import { followUpDeadline } from "@gridrisk/server/events/eventDeadlines";
import { verifyChain } from "@gridrisk/server/events/timelineChain";
import { metricFactOf } from "@gridrisk/server/metrics/metricFact";
import { metricsStore } from "@gridrisk/server/metrics/metricsStore";
import { type EventDoc, EventModel } from "@gridrisk/server/models/event";
import { seedDemoEvents } from "@gridrisk/server/seed/seedDemoEvents";
import { EVENT_STATUSES, type Severity } from "@gridrisk/shared";
import { expect } from "chai";
import { ensureDepartment } from "../helpers/accounts";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";

describe("demo history: seeded events with consistent timelines", () => {
  useTestDatabase();
  const now = new Date("2026-11-20T04:00:00Z");
  let events: EventDoc[] = [];

  before(async () => {
    const ids = await loadTerritoryFixture();
    for (const district of [ids.district, ids.otherDistrict]) {
      for (const code of ["education", "market", "finance", "fire", "public_security", "urban_management"]) {
        await ensureDepartment(district, code);
      }
    }
    const seeded = await seedDemoEvents({ seed: 3, count: 300, days: 90, now });
    expect(seeded).to.equal(300);
    events = (await EventModel.find({}).lean()) as EventDoc[];
  });

  it("writes every event with an unbroken hash chain whose last entry is the event's status", () => {
    expect(events).to.have.length(300);
    for (const event of events) {
      expect(verifyChain(event._id, event.timeline as Parameters<typeof verifyChain>[1]).valid, event.code).to.equal(
        true,
      );
      expect(event.version).to.equal(event.timeline.length);
      const statusEntries = event.timeline.filter((entry) => !["overdue", "auto_urge"].includes(entry.action));
      expect(statusEntries.at(-1)?.toStatus, event.code).to.equal(event.status);
      expect(event.timeline.every((entry) => entry.at.getTime() <= now.getTime())).to.equal(true);
      expect(event.createdAt.getTime()).to.equal(event.timeline[0]?.at.getTime());
    }
  });

  it("spreads the events over the quarter and across the stages, old ones mostly closed", () => {
    const statuses = new Set(events.map((event) => event.status));
    for (const status of ["closed", "dismissed", "handling", "resolved"]) expect(statuses).to.include(status);
    expect([...statuses].every((status) => (EVENT_STATUSES as readonly string[]).includes(status))).to.equal(true);
    const month = 30 * 86_400_000;
    const old = events.filter((event) => event.createdAt.getTime() < now.getTime() - month);
    expect(old.length).to.be.greaterThan(150);
    expect(old.filter((event) => event.status === "closed").length / old.length).to.be.greaterThan(0.6);
    expect(Math.min(...events.map((event) => event.createdAt.getTime()))).to.be.greaterThan(
      now.getTime() - 91 * 86_400_000,
    );
  });

  it("keeps deadlines, tasks and overdue marks consistent with the stage reached", () => {
    for (const event of events) {
      const open = !["closed", "dismissed", "merged"].includes(event.status);
      if (!open) expect(event.nextDeadline, event.code).to.equal(null);
      if (event.status === "handling") expect(event.tasks[0]?.status).to.be.oneOf(["accepted", "completed"]);
      if (event.status === "closed") expect(event.closedAt?.getTime()).to.equal(event.timeline.at(-1)?.at.getTime());
      for (const stage of event.overdueStages) {
        expect(
          event.timeline.some((entry) => entry.fields?.includes(`"${stage}"`)),
          `${event.code} ${stage}`,
        ).to.equal(true);
      }
      const fact = metricFactOf(event);
      if (event.status === "closed") expect(fact.resolvedAt).to.not.equal(null);
      if (event.status === "resolved") {
        // The follow-up clock runs from the last resolve (a reworked event is resolved twice), and
        // a follow-up overdue mark after it is dated at that clock's end.
        const resolved = event.timeline.filter((entry) => entry.action === "resolve").at(-1);
        const due = followUpDeadline(event.severity as Severity, resolved?.at as Date);
        expect(event.deadlines?.followUp?.getTime(), event.code).to.equal(due.getTime());
        const marks = event.timeline.filter(
          (entry) =>
            entry.action === "overdue" && entry.fields?.includes('"followUp"') && entry.at >= (resolved?.at as Date),
        );
        expect(
          marks.every((entry) => entry.at.getTime() === due.getTime()),
          event.code,
        ).to.equal(true);
      }
    }
    expect(events.some((event) => event.overdueStages.length > 0)).to.equal(true);
    expect(events.some((event) => event.reworkCount > 0)).to.equal(true);
  });

  it("builds the same facts from the projected scan as from the whole events", async () => {
    await metricsStore.rebuild();
    const facts = await metricsStore.current();
    expect(facts.size).to.equal(events.length);
    for (const event of events)
      expect(facts.get(event._id.toHexString()), event.code).to.deep.equal(metricFactOf(event));
  });
});
