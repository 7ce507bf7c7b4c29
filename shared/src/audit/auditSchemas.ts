import { z } from "zod";
import { limitParam } from "../territory/regionQueries";

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");
const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" });

/** GET /api/audit: newest first, filtered by who, what and when. */
export const auditQuerySchema = z
  .object({
    /** The user who made the changes. */
    actor: objectId.optional(),
    /** e.g. user, department, territory, event_category, violation_category, calendar_year, deadline_policy. */
    entityType: z
      .string()
      .regex(/^[a-z][a-z_]{1,39}$/, "must be an entity type such as user or department")
      .optional(),
    entityId: z.string().min(1).max(100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: limitParam,
    /** The id of the last entry of the previous page. */
    before: objectId.optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;
