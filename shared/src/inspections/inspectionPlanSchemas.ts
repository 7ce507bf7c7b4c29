import { z } from "zod";
import { dateKeySchema as dateKey } from "../calendar/calendarSchemas";
import { FUND_SUPERVISION_STATUSES, INSTITUTION_TYPES, LICENCE_STATUSES } from "../institutions/institutionKinds";
import { INSPECTION_LIMITS as L } from "./inspectionLimits";
import { rruleProblem } from "./recurrence";

const objectId = z.string({ error: "must be a string" }).regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");
const timeOfDay = z
  .string({ error: "must be a string" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day "HH:MM", e.g. 09:00');
const text = (max: number) =>
  z.string({ error: "must be a string" }).trim().min(1, "is required").max(max, `must be at most ${max} characters`);
const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item, { error: `must be a list of ${what}` }).max(max, `must list at most ${max} ${what}`);
const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(", ")}` });

/** Who does the tasks of an occurrence. */
export const ASSIGNEE_KINDS = ["grid_worker", "department"] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];

/** Which days of a named calendar period a plan visits. */
export const PERIOD_DAYS = ["first", "all"] as const;

/** How a plan recurs (see expandOccurrences). */
export const recurrenceSchema = z
  .object({
    startDate: dateKey,
    endDate: dateKey.optional(),
    /** RFC 5545 RRULE value, checked by the rrule parser; its message comes back on a 400. */
    rrule: z
      .string({ error: "must be a string" })
      .trim()
      .min(1, "must not be empty (leave it out for dates only)")
      .max(L.maxRruleLength, `must be at most ${L.maxRruleLength} characters`)
      .superRefine((value, ctx) => {
        const problem = rruleProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: `is not a valid RRULE: ${problem}` });
      })
      .optional(),
    rdates: list(dateKey, L.maxDatesPerList, "dates").default([]),
    exdates: list(dateKey, L.maxDatesPerList, "dates").default([]),
    /** Named periods of the working calendar, by their Chinese name (e.g. 国庆节, 暑假). */
    periods: list(
      z.object({ name: text(50), days: enumOf(PERIOD_DAYS).default("first") }).strict(),
      L.maxPeriodRefs,
      "periods",
    ).default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.endDate && value.endDate < value.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "must not be before startDate" });
    }
    if (!value.rrule && value.rdates.length === 0 && value.periods.length === 0) {
      ctx.addIssue({ code: "custom", path: ["rrule"], message: "is required when no rdates or periods are listed" });
    }
  });

/** The daily window of each occurrence. */
export const timeWindowSchema = z
  .object({ start: timeOfDay, end: timeOfDay })
  .strict()
  .refine((value) => value.end > value.start, { path: ["end"], message: "must be after start" });

/** Which institutions a plan visits: those in the regions (subtrees), narrowed by the filter. */
export const planScopeSchema = z
  .object({
    regionIds: list(objectId, L.maxScopeRegions, "regions").min(1, "must list at least one region"),
    institutionTypes: list(enumOf(INSTITUTION_TYPES), INSTITUTION_TYPES.length, "types").optional(),
    licenceStatuses: list(enumOf(LICENCE_STATUSES), LICENCE_STATUSES.length, "statuses").optional(),
    fundSupervision: list(enumOf(FUND_SUPERVISION_STATUSES), FUND_SUPERVISION_STATUSES.length, "statuses").optional(),
  })
  .strict();

/** Who gets the tasks. */
export const assigneeRuleSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("grid_worker") }).strict(),
    z.object({ kind: z.literal("department"), departmentId: objectId }).strict(),
  ],
  { error: `must be { kind: "grid_worker" } or { kind: "department", departmentId }` },
);
export type AssigneeRule = z.infer<typeof assigneeRuleSchema>;

/**
 * What a plan produces: inspection tasks for the institutions in its scope, or joint meetings
 * (联席会议) of its departments, one record to fill in per occurrence, with no targets.
 */
export const PLAN_KINDS = ["inspection", "meeting"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

const planFields = z
  .object({
    kind: enumOf(PLAN_KINDS).default("inspection"),
    name: text(L.maxPlanNameLength),
    /** The region that owns the plan (a district, or the city); scope regions lie inside it. */
    regionId: objectId,
    /** Inspection plans: which institutions are visited. */
    scope: planScopeSchema.optional(),
    /** The participating departments; a meeting plan's attendees. */
    departmentIds: list(objectId, L.maxDepartments, "departments").default([]),
    recurrence: recurrenceSchema,
    window: timeWindowSchema,
    /** Inspection plans: who does the visits. */
    assignee: assigneeRuleSchema.optional(),
    /** Inspection plans: what is checked at each visit. */
    checklist: list(text(L.maxChecklistItemLength), L.maxChecklistItems, "items").optional(),
    /** Paused plans produce nothing new. */
    active: z.boolean({ error: "must be true or false" }).default(true),
  })
  .strict();

/** What each kind requires, and what a meeting plan must leave out. */
function checkKind(value: z.infer<typeof planFields>, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (value.kind === "inspection") {
    if (!value.scope) issue("scope", "is required for an inspection plan");
    if (!value.assignee) issue("assignee", "is required for an inspection plan");
    if (!value.checklist?.length) issue("checklist", "must list at least one item");
    return;
  }
  for (const field of ["scope", "assignee", "checklist"] as const) {
    if (value[field] !== undefined) issue(field, "must be left out of a meeting plan (it has no targets)");
  }
  if (value.departmentIds.length === 0) issue("departmentIds", "must list the departments that meet");
}

/** POST /api/inspection-plans. */
export const inspectionPlanInputSchema = planFields.superRefine(checkKind);
export type InspectionPlanInput = z.infer<typeof inspectionPlanInputSchema>;

/** PUT /api/inspection-plans/:id carries the version the editor saw. */
export const inspectionPlanUpdateSchema = planFields
  .extend({ expectedVersion: z.number({ error: "must be a number" }).int().min(1) })
  .superRefine(checkKind);

/** GET /api/inspection-plans/:id/occurrences */
export const occurrenceQuerySchema = z
  .object({ from: dateKey, to: dateKey })
  .strict()
  .refine((value) => value.to >= value.from, { path: ["to"], message: "must not be before from" })
  .refine((value) => Date.parse(value.to) - Date.parse(value.from) <= 366 * 86_400_000, {
    path: ["to"],
    message: "must be at most 366 days after from",
  });
