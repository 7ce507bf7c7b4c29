import { z } from "zod";
import { CATEGORY_CODE_PATTERN, SEVERITIES } from "./eventKinds";
import { EVENT_LIMITS } from "./eventLimits";

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");
const note = z.string().trim().min(1, "is required").max(EVENT_LIMITS.maxNoteLength);
const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" });
const attachments = z.array(objectId).max(EVENT_LIMITS.maxAttachments).optional();
/** A violation found and the enforcement action taken (依法查处), recorded with handling. */
export const violationRecordSchema = z
  .object({
    category: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "must be a violation category code"),
    enforcementAction: note,
  })
  .strict();
const base = { expectedVersion: z.number({ error: "must be a number" }).int().min(1, "must be at least 1") };

/** One department's part of a dispatch. */
export const dispatchTaskSchema = z
  .object({
    departmentId: objectId,
    role: z.enum(["lead", "assist"], { error: 'must be "lead" or "assist"' }),
    /** When the department must be done; the severity's default applies when absent. */
    dueAt: isoDate.optional(),
  })
  .strict();

const tasks = z
  .array(dispatchTaskSchema)
  .min(1, "give at least one department")
  .max(EVENT_LIMITS.maxTasks)
  .superRefine((list, context) => {
    const leads = list.filter((task) => task.role === "lead").length;
    if (leads !== 1) context.addIssue({ code: "custom", message: `exactly one lead department, not ${leads}` });
    const departments = new Set(list.map((task) => task.departmentId));
    if (departments.size !== list.length) context.addIssue({ code: "custom", message: "each department only once" });
  });

const assessBase = {
  ...base,
  severity: z.enum(SEVERITIES),
  category: z.string().regex(CATEGORY_CODE_PATTERN, "must be a category code").optional(),
};
const assessSchema = z.discriminatedUnion("decision", [
  z.object({ action: z.literal("assess"), ...assessBase, decision: z.literal("dispatch"), tasks }).strict(),
  z.object({ action: z.literal("assess"), ...assessBase, decision: z.literal("dismiss"), reason: note }).strict(),
  z.object({ action: z.literal("assess"), ...assessBase, decision: z.literal("merge"), mergeInto: objectId }).strict(),
  z.object({ action: z.literal("assess"), ...assessBase, decision: z.literal("escalate"), reason: note }).strict(),
]);

/** The body of POST /api/events/:id/actions: one schema per action. */
export const eventActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("claim"), ...base }).strict(),
  assessSchema,
  z.object({ action: z.literal("accept_task"), ...base, taskId: objectId }).strict(),
  z.object({ action: z.literal("reject_task"), ...base, taskId: objectId, reason: note }).strict(),
  z
    .object({
      action: z.literal("complete_task"),
      ...base,
      taskId: objectId,
      result: note,
      attachments,
      violation: violationRecordSchema.optional(),
    })
    .strict(),
  z
    .object({ action: z.literal("request_extension"), ...base, taskId: objectId, reason: note, until: isoDate })
    .strict(),
  z
    .object({
      action: z.literal("decide_extension"),
      ...base,
      taskId: objectId,
      approved: z.boolean(),
      note: note.optional(),
    })
    .strict(),
  z
    .object({ action: z.literal("resolve"), ...base, summary: note, violation: violationRecordSchema.optional() })
    .strict(),
  z.object({ action: z.literal("schedule_follow_up"), ...base, dueAt: isoDate, assigneeId: objectId }).strict(),
  z
    .object({
      action: z.literal("record_follow_up"),
      ...base,
      outcome: z.enum(["effective", "recurred"], { error: 'must be "effective" or "recurred"' }),
      note,
      attachments,
    })
    .strict(),
  z.object({ action: z.literal("close"), ...base, summary: note, reason: note }).strict(),
  z.object({ action: z.literal("reopen"), ...base, reason: note }).strict(),
  z.object({ action: z.literal("urge"), ...base, note }).strict(),
  z.object({ action: z.literal("comment"), ...base, note, attachments }).strict(),
]);
export type EventActionInput = z.infer<typeof eventActionSchema>;
