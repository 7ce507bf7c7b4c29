import { createPlan } from "@gridrisk/server/commands/inspectionPlans";
import { createInstitution } from "@gridrisk/server/commands/institutionRecords";
import { inspectionTaskStore } from "@gridrisk/server/inspections/inspectionTaskStore";
import { taskKey } from "@gridrisk/server/inspections/taskMaterialiser";
import { InspectionTaskModel } from "@gridrisk/server/models/inspectionTask";
import type { Actor } from "@gridrisk/server/policies/actor";
import { appendChange } from "@gridrisk/server/realtime/changeLog";
import { expect } from "chai";
import { createAccount } from "../helpers/accounts";
import { buildInstitutionInput } from "../helpers/institutionFactory";
import { waitUntil } from "../helpers/processes";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";

describe("the in-memory inspection task store", () => {
  useTestDatabase();
  let officer: Actor;
  let planId = "";
  let institutionId = "";
  const now = new Date("2026-09-20T00:00:00Z");

  before(async () => {
    const ids = await loadTerritoryFixture();
    const id = await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    officer = { id, username: "district", name: "d", role: "district_officer", scope: [ids.district], sessionId: "s" };
    institutionId = (await createInstitution(officer, buildInstitutionInput(119.02, 33.52)))._id.toHexString();
    await inspectionTaskStore.rebuild();
    const plan = await createPlan(
      officer,
      {
        kind: "inspection",
        name: "每周巡查",
        regionId: ids.district,
        scope: { regionIds: [ids.township] },
        departmentIds: [],
        recurrence: { startDate: "2026-09-01", rrule: "FREQ=WEEKLY;BYDAY=FR", rdates: [], exdates: [], periods: [] },
        window: { start: "09:00", end: "11:00" },
        assignee: { kind: "grid_worker" },
        checklist: ["消防通道畅通"],
        active: true,
      },
      now,
    );
    planId = plan._id.toHexString();
  });

  it("holds what this process materialised at once, without a scan", async () => {
    const tasks = await inspectionTaskStore.current();
    const ours = [...tasks.values()].filter((task) => String(task.planId) === planId);
    expect(ours.map((task) => task.occurrenceDate).sort()).to.deep.equal([
      "2026-09-25",
      "2026-10-02",
      "2026-10-09",
      "2026-10-16",
    ]);
    expect(ours.every((task) => task.status === "open" && task.version === 1 && task.answers.length === 0)).to.equal(
      true,
    );
  });

  it("catches up within seconds with a task another instance changed and a plan it materialised", async function () {
    this.timeout(20_000);
    const id = taskKey(planId, "2026-09-25", institutionId);
    const changed = await InspectionTaskModel.findOneAndUpdate(
      { _id: id },
      { $set: { status: "in_progress", version: 2 } },
      { returnDocument: "after" },
    ).lean();
    const regionPath = (changed?.regionPath ?? []).map(String);
    // What another instance writes: the task's change, and a plan's materialisation.
    await appendChange({
      kind: "inspection_task",
      type: "updated",
      task: { id, status: "in_progress", overdue: false, version: 2, regionPath },
      regionPath,
      departmentIds: [],
      at: new Date(),
    });
    const extra = {
      ...(await InspectionTaskModel.findById(id).lean()),
      _id: taskKey(planId, "2026-10-23", institutionId),
    };
    await InspectionTaskModel.create({ ...extra, occurrenceDate: "2026-10-23", status: "open", version: 1 });
    await appendChange({
      kind: "inspection_plan",
      type: "materialised",
      planId,
      regionPath,
      departmentIds: [],
      at: new Date(),
    });
    await waitUntil(
      async () => {
        const tasks = await inspectionTaskStore.current();
        return tasks.get(id)?.status === "in_progress" && tasks.has(taskKey(planId, "2026-10-23", institutionId));
      },
      10_000,
      "the store caught up",
    );
    expect((await inspectionTaskStore.current()).get(id)?.version).to.equal(2);
  });
});
