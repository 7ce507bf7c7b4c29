import type { InspectionPlanInput } from "@gridrisk/shared";
import { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import { notFound, validationFailed, versionConflict } from "../errors";
import { materialisePlan } from "../inspections/taskMaterialiser";
import { DepartmentModel } from "../models/department";
import { type InspectionPlanDoc, InspectionPlanModel } from "../models/inspectionPlan";
import { claimOnce } from "../models/onceClaim";
import type { Actor } from "../policies/actor";
import { regionPathIds } from "../policies/regionVisibility";
import { authorize } from "../policies/territoryPolicy";

const ids = (values: readonly string[]) => values.map((id) => new Types.ObjectId(id));

/**
 * Checks the places a plan names: the owning region inside the actor's territory, every scope
 * region inside the owning region, every department serving the owning region (or a level above).
 */
async function placeOfPlan(actor: Actor, input: InspectionPlanInput, action: "create" | "update") {
  const regionPath = regionPathIds(input.regionId);
  if (regionPath.length === 0) throw validationFailed([{ path: "body.regionId", message: "is not a known region" }]);
  authorize(actor, action, "inspection_plan", { regionPath, label: `Region ${input.regionId}` });
  const issues: { path: string; message: string }[] = [];
  const assignedDepartment = input.assignee?.kind === "department" ? input.assignee.departmentId : undefined;
  (input.scope?.regionIds ?? []).forEach((id, index) => {
    if (!regionPathIds(id).includes(input.regionId)) {
      issues.push({ path: `body.scope.regionIds.${index}`, message: "is not a region inside the plan's region" });
    }
  });
  const departmentIds = [...input.departmentIds, ...(assignedDepartment ? [assignedDepartment] : [])];
  const departments = await DepartmentModel.find({ _id: trusted({ $in: ids(departmentIds) }) }).lean();
  const serving = new Set(
    // A department stored before `active` had a default is active (as its presenter shows it).
    departments
      .filter((d) => d.active !== false && regionPath.includes(d.regionId.toHexString()))
      .map((d) => String(d._id)),
  );
  input.departmentIds.forEach((id, index) => {
    if (!serving.has(id))
      issues.push({ path: `body.departmentIds.${index}`, message: "is not a department serving the plan's region" });
  });
  if (assignedDepartment && !serving.has(assignedDepartment)) {
    issues.push({ path: "body.assignee.departmentId", message: "is not a department serving the plan's region" });
  }
  if (issues.length > 0) throw validationFailed(issues);
  return { regionPath: ids(regionPath) };
}

/** The stored fields of a plan; a meeting plan stores no scope, assignee or checklist. */
function fieldsOf(input: InspectionPlanInput) {
  const { scope, assignee, checklist, ...common } = input;
  return {
    ...common,
    regionId: new Types.ObjectId(input.regionId),
    departmentIds: ids(input.departmentIds),
    scope: scope ? { ...scope, regionIds: ids(scope.regionIds) } : undefined,
    assignee: !assignee
      ? undefined
      : assignee.kind === "department"
        ? { kind: "department" as const, departmentId: new Types.ObjectId(assignee.departmentId) }
        : { kind: "grid_worker" as const },
    checklist: checklist ?? [],
  };
}

/** Creates a plan and materialises its first 30 days at once. */
export async function createPlan(
  actor: Actor,
  input: InspectionPlanInput,
  now = new Date(),
): Promise<InspectionPlanDoc> {
  authorize(actor, "create", "inspection_plan");
  const place = await placeOfPlan(actor, input, "create");
  const created = await InspectionPlanModel.create({ ...fieldsOf(input), ...place, createdBy: actor.id });
  const plan = created.toObject() as unknown as InspectionPlanDoc;
  await materialisePlan(plan, now);
  return plan;
}

/** Loads a live plan the actor may see, or 404. */
export async function loadPlan(actor: Actor, id: string, action: "read" | "update" | "delete" = "read") {
  authorize(actor, action, "inspection_plan");
  const doc = (await InspectionPlanModel.findById(id).lean()) as InspectionPlanDoc | null;
  if (!doc || doc.deletedAt) throw notFound(`Inspection plan ${id}`);
  authorize(actor, action, "inspection_plan", {
    regionPath: doc.regionPath.map(String),
    label: `Inspection plan ${id}`,
  });
  return doc;
}

/** Claims the move of a plan from `version`, or 409. */
async function claimPlanVersion(plan: InspectionPlanDoc, expectedVersion: number, now: Date) {
  const current = plan.version ?? 1;
  if (expectedVersion !== current || !(await claimOnce(`plan:${plan._id}:${current}`, "plan_version", now))) {
    throw versionConflict(`Inspection plan ${plan._id} has changed (version ${current}); reload it.`, {
      currentVersion: current,
    });
  }
}

/**
 * Replaces a plan. Its future tasks not yet started are regenerated (removed when no longer due,
 * refreshed otherwise); tasks started or done keep what they were.
 */
export async function updatePlan(
  actor: Actor,
  id: string,
  input: InspectionPlanInput & { expectedVersion: number },
  now = new Date(),
): Promise<InspectionPlanDoc> {
  const current = await loadPlan(actor, id, "update");
  const { expectedVersion, ...fields } = input;
  const place = await placeOfPlan(actor, fields, "update");
  await claimPlanVersion(current, expectedVersion, now);
  const updated = (await InspectionPlanModel.findOneAndUpdate(
    { _id: current._id },
    { $set: { ...fieldsOf(fields), ...place, version: (current.version ?? 1) + 1 } },
    { returnDocument: "after" },
  ).lean()) as InspectionPlanDoc;
  await materialisePlan(updated, now);
  return updated;
}

/** Retires a plan: it stops producing tasks and its future tasks not yet started go. */
export async function deletePlan(actor: Actor, id: string, now = new Date()): Promise<void> {
  const current = await loadPlan(actor, id, "delete");
  await InspectionPlanModel.updateOne({ _id: current._id }, { $set: { deletedAt: now, active: false } });
  await materialisePlan({ ...current, deletedAt: now, active: false }, now);
}
