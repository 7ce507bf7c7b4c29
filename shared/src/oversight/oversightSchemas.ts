import { z } from "zod";

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");
const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" });

/** Limits of the oversight views. */
export const OVERSIGHT_LIMITS = { defaultPeriodDays: 90, defaultLongRunningDays: 30, maxListed: 500 } as const;

/** GET /api/oversight/ranking: districts or townships by on-time handling, rework and overdue. */
export const oversightRankingQuerySchema = z
  .object({
    level: z.enum(["district", "township"], { error: 'must be "district" or "township"' }).default("district"),
    /** Only regions below this one (drill-down from a district to its townships). */
    region: objectId.optional(),
    /** Events reported from (default: 90 days ago). */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();
export type OversightRankingQuery = z.infer<typeof oversightRankingQuerySchema>;

/** GET /api/oversight/long-running: open events older than `days`, oldest first. */
export const longRunningQuerySchema = z
  .object({
    days: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(3650, "must be at most 3650")
      .default(OVERSIGHT_LIMITS.defaultLongRunningDays),
    region: objectId.optional(),
  })
  .strict();

/** GET /api/oversight/urgings: every urging in the period with how fast it was answered. */
export const urgingsQuerySchema = z
  .object({ region: objectId.optional(), from: isoDate.optional(), to: isoDate.optional() })
  .strict();
