import type { InspectionPlanDoc } from "../models/inspectionPlan";

/** Every field of an inspection plan that leaves the server; a meeting plan has no scope, assignee or checklist. */
export function presentInspectionPlan(doc: InspectionPlanDoc) {
  const { scope, recurrence, assignee } = doc;
  const kind = doc.kind ?? "inspection";
  return {
    id: doc._id.toHexString(),
    kind,
    name: doc.name,
    regionId: doc.regionId.toHexString(),
    ...(kind === "inspection" && scope
      ? {
          scope: {
            regionIds: scope.regionIds.map(String),
            ...(scope.institutionTypes?.length ? { institutionTypes: scope.institutionTypes } : {}),
            ...(scope.licenceStatuses?.length ? { licenceStatuses: scope.licenceStatuses } : {}),
            ...(scope.fundSupervision?.length ? { fundSupervision: scope.fundSupervision } : {}),
          },
        }
      : {}),
    departmentIds: doc.departmentIds.map(String),
    recurrence: {
      startDate: recurrence.startDate,
      ...(recurrence.endDate ? { endDate: recurrence.endDate } : {}),
      ...(recurrence.rrule ? { rrule: recurrence.rrule } : {}),
      rdates: recurrence.rdates,
      exdates: recurrence.exdates,
      periods: recurrence.periods.map(({ name, days }) => ({ name, days })),
    },
    window: { start: doc.window.start, end: doc.window.end },
    ...(kind === "inspection"
      ? {
          assignee:
            assignee?.kind === "department"
              ? { kind: "department" as const, departmentId: String(assignee.departmentId) }
              : { kind: "grid_worker" as const },
          checklist: doc.checklist,
        }
      : {}),
    active: doc.active,
    version: doc.version ?? 1,
    createdAt: doc.createdAt?.toISOString(),
    updatedAt: doc.updatedAt?.toISOString(),
  };
}
