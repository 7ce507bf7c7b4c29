import { z } from "zod";
import { eventListQuerySchema } from "../events/eventQueries";

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

// The map filters like the event list does: the same field schemas, one definition.
const { status, severity, category, overdue } = eventListQuerySchema.shape;

/** GET /api/map/events: the events of the live map, filtered as the map's URL says. */
export const mapEventsQuerySchema = z
  .object({
    region: objectId.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    status,
    severity,
    category,
    overdue,
    /** Also count the open events of each grid, for shading. */
    shade: overdue,
  })
  .strict()
  .superRefine(checkPeriod);
export type MapEventsQuery = z.infer<typeof mapEventsQuerySchema>;

/** GET /api/map/boundaries: the grids of a region (default: the caller's territory). */
export const mapBoundariesQuerySchema = z.object({ region: objectId.optional() }).strict();
