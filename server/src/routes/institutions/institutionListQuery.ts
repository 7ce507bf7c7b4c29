import { FUND_SUPERVISION_STATUSES, INSTITUTION_TYPES, LICENCE_STATUSES, limitParam } from "@gridrisk/shared";
import { z } from "zod";

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");

/** GET /api/institutions */
export const institutionListQuerySchema = z
  .object({
    /** Name contains this text. */
    q: z.string().trim().min(1).max(50).optional(),
    /** "lng,lat": nearest first, within `radius` metres. */
    near: z
      .string()
      .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,2}(\.\d+)?$/, 'must be "lng,lat"')
      .transform((value) => value.split(",").map(Number) as [number, number])
      .refine(([lng, lat]) => Math.abs(lng) <= 180 && Math.abs(lat) <= 90, "is outside WGS-84 ranges")
      .optional(),
    radius: z.coerce.number({ error: "must be a number" }).int().min(1).max(50_000).default(2000),
    /** Only those within this region's subtree. */
    region: objectId.optional(),
    type: z.enum(INSTITUTION_TYPES).optional(),
    licenceStatus: z.enum(LICENCE_STATUSES).optional(),
    fundSupervision: z.enum(FUND_SUPERVISION_STATUSES).optional(),
    limit: limitParam,
    cursor: z.string().max(200).optional(),
  })
  .strict();
