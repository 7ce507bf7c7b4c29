import { z } from "zod";
import { CATEGORY_CODE_PATTERN, EVENT_STATUSES, SEVERITIES } from "../events/eventKinds";

/** Periods the figures and the map may cover. */
export const METRICS_LIMITS = {
  /** The period when none is given: the last quarter. */
  defaultDays: 90,
  /** The longest period one query may cover. */
  maxDays: 400,
  /** Hours east of UTC of the calendar days in the daily trend (China Standard Time). */
  dayOffsetHours: 8,
} as const;

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");
const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" });

function checkPeriod(query: { from?: string | undefined; to?: string | undefined }, context: z.RefinementCtx): void {
  if (!query.from || !query.to) return;
  const span = Date.parse(query.to) - Date.parse(query.from);
  if (span <= 0) context.addIssue({ code: "custom", path: ["to"], message: "must be later than from" });
  if (span > METRICS_LIMITS.maxDays * 86_400_000) {
    context.addIssue({
      code: "custom",
      path: ["to"],
      message: `must be within ${METRICS_LIMITS.maxDays} days of from`,
    });
  }
}

/** GET /api/metrics: the figures of a territory (default: the caller's) over a period (default: 90 days to now). */
export const metricsQuerySchema = z
  .object({
    region: objectId.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
  .superRefine(checkPeriod);
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

const flag = z.enum(["true", "false"], { error: 'must be "true" or "false"' });

/** A comma-separated list of allowed values. */
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

/** GET /api/map/events: the events of the live map, filtered as the map's URL says. */
export const mapEventsQuerySchema = z
  .object({
    region: objectId.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    status: listOf(EVENT_STATUSES).optional(),
    severity: listOf(SEVERITIES).optional(),
    category: z
      .string()
      .transform((text) => text.split(","))
      .pipe(z.array(z.string().regex(CATEGORY_CODE_PATTERN, "must be category codes")).min(1).max(50))
      .optional(),
    overdue: flag.optional(),
    /** Also count the open events of each grid, for shading. */
    shade: flag.optional(),
  })
  .strict()
  .superRefine(checkPeriod);
export type MapEventsQuery = z.infer<typeof mapEventsQuerySchema>;

/** GET /api/map/boundaries: the grids of a region (default: the caller's territory). */
export const mapBoundariesQuerySchema = z.object({ region: objectId.optional() }).strict();
