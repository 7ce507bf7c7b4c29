import type { ChildProcess } from "node:child_process";
import { reportEvent } from "@gridrisk/server/commands/eventReporter";
import { EventModel } from "@gridrisk/server/models/event";
import { JobLeaseModel } from "@gridrisk/server/models/jobLease";
import type { Actor } from "@gridrisk/server/policies/actor";
import { eventReportSchema } from "@gridrisk/shared";
import { expect } from "chai";
import { createAccount } from "../helpers/accounts";
import { buildReport } from "../helpers/eventHelpers";
import { firstLine, spawnTs, waitUntil } from "../helpers/processes";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";

/** How many events fall due at once: enough that one sweep takes a while. */
const DUE_EVENTS = Number(process.env.SWEEP_EVENTS ?? 120);

const markedCount = () => EventModel.countDocuments({ overdueStages: "assessment" });

describe("a scheduler process killed mid-sweep: the next slot's lease lets another instance finish", function () {
  this.timeout(120_000);
  const databaseUri = useTestDatabase();
  const instances: ChildProcess[] = [];

  const startInstance = async (): Promise<ChildProcess> => {
    const child = spawnTs("test/fixtures/schedulerInstance.ts", { MONGODB_URI: databaseUri() });
    instances.push(child);
    expect(await firstLine(child, 20_000)).to.equal("ready");
    return child;
  };

  before(async () => {
    const ids = await loadTerritoryFixture();
    const id = await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    const actor: Actor = {
      id,
      username: "worker",
      name: "Test worker",
      role: "grid_worker",
      scope: [ids.grid],
      sessionId: "s",
    };
    // Reported three days ago: every assessment deadline has passed.
    const now = new Date(Date.now() - 3 * 86_400_000);
    for (let i = 0; i < DUE_EVENTS; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, DUE_EVENTS - i) }, (_, j) =>
          reportEvent(
            actor,
            `due-event-${i + j}`,
            eventReportSchema.parse(buildReport(119.001 + ((i + j) % 90) * 0.001, 33.501, { title: `到期 ${i + j}` })),
            now,
          ),
        ),
      );
    }
  });

  after(() => {
    for (const child of instances) if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("marks every due event exactly once although the first sweeper died halfway", async () => {
    const first = await startInstance();
    await waitUntil(async () => (await markedCount()) >= 10, 30_000, "the first sweep under way");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const markedAtKill = await markedCount();
    expect(markedAtKill, "the sweep was not finished when its process died").to.be.below(DUE_EVENTS);

    const killedAt = Date.now();
    await startInstance();
    const finishedAfter = await waitUntil(
      async () => (await markedCount()) === DUE_EVENTS,
      60_000,
      "all due events marked",
    );

    const events = await EventModel.find({}, { overdueStages: 1, timeline: 1 }).lean();
    expect(events).to.have.length(DUE_EVENTS);
    for (const event of events) {
      expect(event.overdueStages).to.deep.equal(["assessment"]);
      expect(event.timeline.filter((entry) => entry.action === "overdue")).to.have.length(1);
    }
    const holders = new Set((await JobLeaseModel.find({ job: "overdue-sweep" }).lean()).map((lease) => lease.holder));
    expect(holders.size, "instances that held an overdue-sweep lease").to.equal(2);
    process.stderr.write(
      `      (${DUE_EVENTS} due events; ${markedAtKill} marked when the first process was killed; ` +
        `the rest marked by the second ${finishedAfter} ms after the kill (${Date.now() - killedAt} ms in all))\n`,
    );
  });
});
