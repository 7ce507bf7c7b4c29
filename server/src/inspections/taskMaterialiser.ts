import {
  addDaysToDateKey,
  INSPECTION_LIMITS,
  type Occurrence,
  orderByRisk,
  riskScoreOf,
  shanghaiDateKey,
} from "@gridrisk/shared";
import { currentCalendarPeriods } from "../calendar/calendarStore";
import { insertValidatedRows } from "../database/bulkInsert";
import { trusted } from "../database/trustedFilter";
import { createLogger } from "../logging/logger";
import { type InspectionPlanDoc, InspectionPlanModel } from "../models/inspectionPlan";
import { type InspectionTaskDoc, InspectionTaskModel } from "../models/inspectionTask";
import { type InstitutionDoc, InstitutionModel } from "../models/institution";
import { UserModel } from "../models/user";
import { appendChange } from "../realtime/changeLog";
import { inspectionTaskStore } from "./inspectionTaskStore";
import { materialiseMeetings } from "./meetingMaterialiser";
import { expandPlan } from "./planOccurrences";
import { riskFactsOf } from "./riskFacts";

const log = createLogger("inspections");

/** The deterministic key of a task: plan, occurrence and target. */
export const taskKey = (planId: string, date: string, institutionId: string) => `${planId}:${date}:${institutionId}`;

/** The institutions a plan visits, riskiest first, each with its score. */
export async function targetsOfPlan(plan: InspectionPlanDoc, now = new Date()) {
  const filter: Record<string, unknown> = {
    deletedAt: null,
    regionPath: trusted({ $in: plan.scope?.regionIds ?? [] }),
  };
  if (plan.scope?.institutionTypes?.length) filter.type = trusted({ $in: plan.scope.institutionTypes });
  if (plan.scope?.licenceStatuses?.length) filter.licenceStatus = trusted({ $in: plan.scope.licenceStatuses });
  if (plan.scope?.fundSupervision?.length) filter.fundSupervision = trusted({ $in: plan.scope.fundSupervision });
  const institutions = (await InstitutionModel.find(filter).lean()) as InstitutionDoc[];
  const facts = await riskFactsOf(institutions, now);
  const scored = institutions.map((doc) => {
    const fact = facts.get(doc._id.toHexString());
    return { doc, score: fact ? riskScoreOf(fact).score : 0 };
  });
  return orderByRisk(
    scored,
    (item) => item.score,
    (item) => item.doc.name,
  ).slice(0, INSPECTION_LIMITS.maxTargetsPerOccurrence);
}

/** Grid id → the grid worker who walks it (the first by username when several share a grid). */
async function gridWorkersByGrid(): Promise<Map<string, string>> {
  const workers = await UserModel.find({ role: "grid_worker", active: true }).select({ scope: 1, username: 1 }).lean();
  const byGrid = new Map<string, string>();
  for (const worker of workers.sort((a, b) => String(a.username).localeCompare(String(b.username)))) {
    for (const gridId of (worker.scope ?? []).map(String))
      if (!byGrid.has(gridId)) byGrid.set(gridId, String(worker._id));
  }
  return byGrid;
}

/** Whether a task may still be regenerated: not started, and its window not yet open. */
const untouched = (task: Pick<InspectionTaskDoc, "status" | "checkIn" | "startsAt">, now: Date) =>
  task.status === "open" && !task.checkIn && task.startsAt.getTime() > now.getTime();

/**
 * Materialises a plan's tasks for the next 30 days, idempotently: every task's `_id` is
 * plan:date:institution, so a second or concurrent run inserts nothing twice. Future tasks not
 * yet started that the plan no longer produces are removed; those it still produces are refreshed
 * when the plan changed. Started and done tasks are never touched.
 */
export async function materialisePlan(plan: InspectionPlanDoc, now = new Date()) {
  if (plan.kind === "meeting") return materialiseMeetings(plan, now);
  const planId = plan._id.toHexString();
  const today = shanghaiDateKey(now);
  const live = plan.active && !plan.deletedAt;
  const occurrences: Occurrence[] = live
    ? expandPlan(
        plan,
        today,
        addDaysToDateKey(today, INSPECTION_LIMITS.materialiseDays),
        currentCalendarPeriods(),
      ).filter((occurrence) => occurrence.endsAt > now)
    : [];
  const targets = occurrences.length > 0 ? await targetsOfPlan(plan, now) : [];
  const byDepartment = plan.assignee?.kind === "department";
  const workers = !byDepartment && targets.length > 0 ? await gridWorkersByGrid() : new Map();
  const wanted = new Map<string, Record<string, unknown>>();
  for (const occurrence of occurrences) {
    for (const { doc, score } of targets) {
      const id = taskKey(planId, occurrence.date, doc._id.toHexString());
      wanted.set(id, {
        _id: id,
        planId: plan._id,
        planName: plan.name,
        planVersion: plan.version ?? 1,
        occurrenceDate: occurrence.date,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        institutionId: doc._id,
        institutionName: doc.name,
        address: doc.address,
        location: doc.location,
        lng: doc.lng,
        lat: doc.lat,
        gridId: doc.gridId,
        regionPath: doc.regionPath,
        assignee: byDepartment
          ? { kind: "department", userId: null, departmentId: plan.assignee?.departmentId }
          : { kind: "grid_worker", userId: workers.get(doc.gridId.toHexString()) ?? null, departmentId: null },
        riskScore: score,
        checklist: plan.checklist,
      });
    }
  }
  const existing = (await InspectionTaskModel.find({ planId: plan._id })
    .select({ status: 1, checkIn: 1, startsAt: 1, planVersion: 1 })
    .lean()) as Pick<InspectionTaskDoc, "_id" | "status" | "checkIn" | "startsAt" | "planVersion">[];
  // Untouched future tasks the plan no longer produces go; those it produces from an older plan
  // version are replaced whole. One batch delete and one batch insert: per-task updates take
  // minutes for a district-wide plan on FerretDB's SQLite backend.
  const stale: string[] = [];
  const outdated = new Set<string>();
  for (const task of existing) {
    if (!untouched(task, now)) continue;
    const next = wanted.get(task._id);
    if (!next) stale.push(task._id);
    else if (task.planVersion !== next.planVersion) outdated.add(task._id);
  }
  const replaced = [...stale, ...outdated];
  const deleted =
    replaced.length > 0 ? (await InspectionTaskModel.deleteMany({ _id: trusted({ $in: replaced }) })).deletedCount : 0;
  const known = new Set(existing.map((task) => task._id));
  const fresh = [...wanted.values()].filter((task) => !known.has(String(task._id)) || outdated.has(String(task._id)));
  // Another run may insert some of them first: exactly what the unique _id is for, so those are
  // skipped. (One that re-inserted an older version is replaced by the next run, which sees its
  // old planVersion.)
  const { inserted, rows } =
    fresh.length > 0
      ? await insertValidatedRows(InspectionTaskModel, fresh, { ordered: false })
      : { inserted: 0, rows: [] };
  if (deleted > 0 || inserted > 0) {
    // This process's store at once (the rows as stored); other instances re-read the plan's tasks
    // when they see the change log's entry.
    inspectionTaskStore.materialised(rows as unknown as InspectionTaskDoc[], replaced);
    const audience = { regionPath: plan.regionPath.map(String), departmentIds: [] };
    await appendChange({ kind: "inspection_plan", type: "materialised", planId, ...audience, at: now });
  }
  const refreshed = outdated.size;
  const removed = Math.max(deleted - refreshed, 0);
  if (inserted || removed || refreshed) log.info("plan materialised", { planId, inserted, removed, refreshed });
  return { inserted: Math.max(inserted - refreshed, 0), removed, refreshed, wanted: wanted.size };
}

/** The scheduler's job: materialise every live plan. */
export async function materialiseAllPlans(now: Date) {
  const plans = (await InspectionPlanModel.find({ deletedAt: null, active: true }).lean()) as InspectionPlanDoc[];
  let inserted = 0;
  for (const plan of plans) inserted += (await materialisePlan(plan, now)).inserted;
  return { plans: plans.length, inserted };
}
