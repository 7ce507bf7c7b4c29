import { z } from "zod";
import { pointSchema } from "../territory/geometry";
import { CATEGORY_CODE_PATTERN, EVENT_SOURCES, SEVERITIES } from "./eventKinds";
import { EVENT_LIMITS } from "./eventLimits";

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");

/** The body of POST /api/events: a reported risk. */
export const eventReportSchema = z
  .object({
    title: z.string().trim().min(1, "is required").max(EVENT_LIMITS.maxTitleLength),
    description: z.string().trim().min(1, "is required").max(EVENT_LIMITS.maxDescriptionLength),
    /** A category code of the catalogue (GET /api/event-categories); checked by the server. */
    category: z.string({ error: "is required" }).regex(CATEGORY_CODE_PATTERN, "must be a category code"),
    /** The reporter's hint; the duty officer sets the severity at assessment. */
    severity: z.enum(SEVERITIES).optional(),
    location: pointSchema,
    institutionId: objectId.optional(),
    occurredAt: z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" })
      .refine(
        (value) => Date.parse(value) <= Date.now() + EVENT_LIMITS.maxFutureSkewMinutes * 60_000,
        "must not be in the future",
      )
      .optional(),
    source: z.enum(EVENT_SOURCES).default("grid_report"),
    attachments: z.array(objectId).max(EVENT_LIMITS.maxAttachments).optional(),
  })
  .strict();
export type EventReportInput = z.infer<typeof eventReportSchema>;
