import { z } from "zod";
import { latitudeSchema, longitudeSchema } from "../territory/geometry";
import { INSPECTION_LIMITS as L } from "./inspectionLimits";

const objectId = z.string({ error: "must be a string" }).regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");
const version = z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1");

/** The states of an inspection task. */
export const INSPECTION_TASK_STATUSES = ["open", "in_progress", "done"] as const;
export type InspectionTaskStatus = (typeof INSPECTION_TASK_STATUSES)[number];

/** An answer to one checklist item. */
export const CHECK_RESULTS = ["pass", "fail", "not_applicable"] as const;

/** GET /api/inspection-tasks */
export const inspectionTaskQuerySchema = z
  .object({
    /** Only the tasks assigned to me (a grid worker's "my tasks", a handler's department). */
    mine: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
    status: z
      .enum(INSPECTION_TASK_STATUSES, { error: `must be one of ${INSPECTION_TASK_STATUSES.join(", ")}` })
      .optional(),
    planId: objectId.optional(),
    institutionId: objectId.optional(),
  })
  .strict();

/** Task route parameter: the task's key plan:date:institution. */
export const inspectionTaskParamsSchema = z
  .object({ id: z.string().regex(/^[0-9a-f]{24}:\d{4}-\d{2}-\d{2}:[0-9a-f]{24}$/, "is not an inspection task id") })
  .strict();

/** POST /api/inspection-tasks/:id/check-in: where the inspector stands. */
export const checkInSchema = z
  .object({ location: z.object({ lng: longitudeSchema, lat: latitudeSchema }).strict(), expectedVersion: version })
  .strict();

/** One finding (发现的问题), with photos uploaded through /api/attachments. */
export const findingInputSchema = z
  .object({
    /** Kept when editing an existing finding; the server gives a new one an id. */
    id: z
      .string()
      .regex(/^f\d{1,3}$/, "is not a finding id")
      .optional(),
    text: z
      .string({ error: "must be a string" })
      .trim()
      .min(1, "is required")
      .max(L.maxNoteLength, `must be at most ${L.maxNoteLength} characters`),
    photoIds: z
      .array(objectId, { error: "must be a list of attachment ids" })
      .max(L.maxPhotosPerFinding, `must list at most ${L.maxPhotosPerFinding} photos`)
      .default([]),
  })
  .strict();

/** PATCH /api/inspection-tasks/:id: checklist answers and findings, as they stand now. */
export const inspectionRecordSchema = z
  .object({
    expectedVersion: version,
    answers: z
      .array(
        z
          .object({
            index: z
              .number({ error: "must be a number" })
              .int()
              .min(0)
              .max(L.maxChecklistItems - 1),
            result: z.enum(CHECK_RESULTS, { error: `must be one of ${CHECK_RESULTS.join(", ")}` }),
            note: z.string().trim().max(L.maxNoteLength, `must be at most ${L.maxNoteLength} characters`).optional(),
          })
          .strict(),
        { error: "must be a list of answers" },
      )
      .max(L.maxChecklistItems)
      .optional(),
    findings: z
      .array(findingInputSchema, { error: "must be a list of findings" })
      .max(L.maxFindings, `must list at most ${L.maxFindings} findings`)
      .optional(),
  })
  .strict();
export type InspectionRecordInput = z.infer<typeof inspectionRecordSchema>;

/** POST /api/inspection-tasks/:id/complete */
export const completeInspectionSchema = z.object({ expectedVersion: version }).strict();

/** POST /api/inspection-tasks/:id/findings/:findingId/event: link the event raised from a finding, by its code. */
export const findingEventSchema = z
  .object({ eventCode: z.string({ error: "must be a string" }).trim().min(1, "is required").max(40) })
  .strict();
