import { createPlan, updatePlan } from "@gridrisk/server/commands/inspectionPlans";
import { createInstitution } from "@gridrisk/server/commands/institutionRecords";
import { materialisePlan, taskKey } from "@gridrisk/server/inspections/taskMaterialiser";
import { type InspectionPlanDoc, InspectionPlanModel } from "@gridrisk/server/models/inspectionPlan";
import { InspectionTaskModel } from "@gridrisk/server/models/inspectionTask";
import type { Actor } from "@gridrisk/server/policies/actor";
import type { InspectionPlanInput } from "@gridrisk/shared";
import { expect } from "chai";
import { Types } from "mongoose";
import { createAccount } from "../helpers/accounts";
import { buildInstitutionInput } from "../helpers/institutionFactory";
import { firstLine, spawnTs } from "../helpers/processes";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";

describe("inspection tasks materialised ahead, idempotently", () => {
  const databaseUri = useTestDatabase();
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  let officer: Actor;
  const institutions: string[] = [];
  // 20 Sep 2026, 08:00 Shanghai: 30 days ahead reaches 20 Oct, over the National Day holiday.
  const now = new Date("2026-09-20T00:00:00Z");

  const planInput = (overrides: Partial<InspectionPlanInput> = {}): InspectionPlanInput => ({
    kind: "inspection",
    name: "节假日联合检查",
    regionId: ids.district,
    scope: { regionIds: [ids.township] },
    departmentIds: [],
    recurrence: {
      startDate: "2026-09-01",
      rrule: "FREQ=WEEKLY;BYDAY=FR",
      rdates: [],
      exdates: [],
      periods: [{ name: "国庆节", days: "first" }],
    },
    window: { start: "09:00", end: "11:00" },
    assignee: { kind: "grid_worker" },
    checklist: ["办学许可证公示", "消防通道畅通"],
    active: true,
    ...overrides,
  });

  before(async () => {
    ids = await loadTerritoryFixture();
    const officerId = await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    officer = {
      id: officerId,
      username: "district",
      name: "d",
      role: "district_officer",
      scope: [ids.district],
      sessionId: "s",
    };
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    for (const [lng, lat] of [
      [119.02, 33.52],
      [119.03, 33.58],
    ] as const) {
      institutions.push((await createInstitution(officer, buildInstitutionInput(lng, lat)))._id.toHexString());
    }
    // Outside the plan's township: never a target.
    await createInstitution(officer, buildInstitutionInput(119.15, 33.6));
  });

  afterEach(async () => {
    await InspectionTaskModel.deleteMany({});
    await InspectionPlanModel.deleteMany({});
  });

  const tasksOf = async (planId: string) =>
    (
      await InspectionTaskModel.find({ planId: new Types.ObjectId(planId) })
        .sort({ _id: 1 })
        .lean()
    ).map((task) => task);

  it("creates one task per occurrence and institution in scope, keyed plan:date:institution", async () => {
    const plan = await createPlan(officer, planInput(), now);
    const tasks = await tasksOf(plan._id.toHexString());
    // Fridays 25 Sep, 2, 9, 16 Oct and 1 Oct (国庆节), for 2 institutions.
    const dates = [...new Set(tasks.map((task) => task.occurrenceDate))].sort();
    expect(dates).to.deep.equal(["2026-09-25", "2026-10-01", "2026-10-02", "2026-10-09", "2026-10-16"]);
    expect(tasks).to.have.length(10);
    const first = tasks.find(
      (task) => task._id === taskKey(plan._id.toHexString(), "2026-10-01", institutions[0] ?? ""),
    );
    expect(first?.startsAt.toISOString()).to.equal("2026-10-01T01:00:00.000Z");
    expect(first?.assignee?.kind).to.equal("grid_worker");
    expect(first?.assignee?.userId).to.not.equal(null);
  });

  it("inserts nothing more on a second run, nor when five runs race", async () => {
    const plan = await createPlan(officer, planInput(), now);
    const doc = (await InspectionPlanModel.findById(plan._id).lean()) as InspectionPlanDoc;
    expect((await materialisePlan(doc, now)).inserted).to.equal(0);
    await InspectionTaskModel.deleteMany({});
    const runs = await Promise.all([1, 2, 3, 4, 5].map(() => materialisePlan(doc, now)));
    expect(runs.reduce((sum, run) => sum + run.inserted, 0)).to.equal(10);
    expect(await InspectionTaskModel.countDocuments({})).to.equal(10);
  });

  it("inserts each task once when two processes materialise the same plan at the same time", async () => {
    const plan = await createPlan(officer, planInput(), now);
    await InspectionTaskModel.deleteMany({});
    const env = {
      MATERIALISE_URI: databaseUri(),
      MATERIALISE_PLAN: plan._id.toHexString(),
      MATERIALISE_NOW: now.toISOString(),
    };
    const children = [
      spawnTs("test/inspections/materialiseOnce.ts", env),
      spawnTs("test/inspections/materialiseOnce.ts", env),
    ];
    const results = (await Promise.all(children.map((child) => firstLine(child, 60_000)))).map(
      (line) => JSON.parse(line) as { inserted: number; wanted: number },
    );
    expect(results.map((result) => result.wanted)).to.deep.equal([10, 10]);
    expect(results.reduce((sum, result) => sum + result.inserted, 0)).to.equal(10);
    const tasks = await tasksOf(plan._id.toHexString());
    expect(tasks).to.have.length(10);
    expect(new Set(tasks.map((task) => task._id)).size).to.equal(10);
  });

  it("regenerates future tasks not yet started when the plan changes, and keeps started and done ones", async () => {
    const plan = await createPlan(officer, planInput(), now);
    const planId = plan._id.toHexString();
    const [a = "", b = ""] = institutions;
    await InspectionTaskModel.updateOne(
      { _id: taskKey(planId, "2026-10-09", a) },
      { $set: { status: "done", completedAt: now, answers: [{ index: 0, result: "pass" }] } },
    );
    await InspectionTaskModel.updateOne(
      { _id: taskKey(planId, "2026-10-09", b) },
      { $set: { status: "in_progress", checkIn: { at: now, lng: 119.03, lat: 33.58, distanceMeters: 5, far: false } } },
    );
    // Fridays become Thursdays; the checklist changes.
    const edited = planInput({
      recurrence: { ...planInput().recurrence, rrule: "FREQ=WEEKLY;BYDAY=TH" },
      checklist: ["收费公示"],
    });
    await updatePlan(officer, planId, { ...edited, expectedVersion: 1 }, now);
    const tasks = await tasksOf(planId);
    const byDate = (date: string) => tasks.filter((task) => task.occurrenceDate === date);
    expect(
      byDate("2026-10-09")
        .map((task) => task.status)
        .sort(),
    ).to.deep.equal(["done", "in_progress"]);
    expect(byDate("2026-10-09").every((task) => task.checklist.length === 2)).to.equal(true);
    expect(byDate("2026-10-02")).to.have.length(0);
    expect(byDate("2026-10-08")).to.have.length(2);
    // 国庆节 stays (1 Oct is a Thursday too): refreshed, not duplicated.
    expect(byDate("2026-10-01").map((task) => task.checklist)).to.deep.equal([["收费公示"], ["收费公示"]]);
    expect(byDate("2026-10-01").every((task) => task.planVersion === 2)).to.equal(true);
  });

  it("refuses an edit made on an old version with 409", async () => {
    const plan = await createPlan(officer, planInput(), now);
    const input = { ...planInput(), expectedVersion: 1 };
    await updatePlan(officer, plan._id.toHexString(), input, now);
    try {
      await updatePlan(officer, plan._id.toHexString(), input, now);
      expect.fail("a second edit from version 1 went through");
    } catch (error) {
      expect((error as { status?: number }).status).to.equal(409);
    }
  });
});
