import { z } from "zod";
import { limitParam } from "../territory/regionQueries";
import { CATEGORY_CODE_PATTERN, EVENT_STATUSES, SEVERITIES } from "./eventKinds";

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");
const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" });

/** A comma-separated list of allowed values, e.g. `status=reported,assessing`. */
function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((text) => text.split(","))
    .pipe(
      z
        .array(z.enum(values, { error: `must be among ${values.join(", ")}` }))
        .min(1)
        .max(values.length),
    );
}

/** GET /api/events */
export const eventListQuerySchema = z
  .object({
    status: listOf(EVENT_STATUSES).optional(),
    severity: listOf(SEVERITIES).optional(),
    category: z
      .string()
      .transform((text) => text.split(","))
      .pipe(z.array(z.string().regex(CATEGORY_CODE_PATTERN, "must be category codes")).min(1).max(50))
      .optional(),
    /** Only events in this region's subtree. */
    region: objectId.optional(),
    institution: objectId.optional(),
    /** Only the events the caller reported. */
    mine: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional(),
    /** Only the events whose follow-up visit is assigned to the caller. */
    followUpMine: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional(),
    overdue: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional(),
    /** Text in the code, title or description. */
    q: z.string().trim().min(1).max(50).optional(),
    createdFrom: isoDate.optional(),
    createdTo: isoDate.optional(),
    /** minLng,minLat,maxLng,maxLat */
    bbox: z
      .string()
      .transform((text) => text.split(",").map(Number))
      .refine(
        (box) =>
          box.length === 4 &&
          box.every(Number.isFinite) &&
          (box[0] as number) <= (box[2] as number) &&
          (box[1] as number) <= (box[3] as number) &&
          Math.abs(box[0] as number) <= 180 &&
          Math.abs(box[2] as number) <= 180 &&
          Math.abs(box[1] as number) <= 90 &&
          Math.abs(box[3] as number) <= 90,
        "must be minLng,minLat,maxLng,maxLat within WGS-84 ranges",
      )
      .optional(),
    sort: z
      .enum(["-createdAt", "createdAt", "deadline"], { error: "must be -createdAt, createdAt or deadline" })
      .default("-createdAt"),
    limit: limitParam,
    cursor: z.string().max(300).optional(),
  })
  .strict();
export type EventListQuery = z.infer<typeof eventListQuerySchema>;

/**
 * GET /api/events/export.csv and export.geojson: the list's filters, without paging or sort (an
 * export comes in storage order, oldest first).
 */
export const eventExportQuerySchema = eventListQuerySchema.omit({ limit: true, cursor: true, sort: true });
export type EventExportQuery = z.infer<typeof eventExportQuerySchema>;
