import { z } from "zod";
import { PAGE_LIMITS } from "../limits";
import { latitudeSchema, longitudeSchema } from "./geometry";
import { REGION_LEVELS } from "./regionLevels";

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");

/** Page size in a query string. */
export const limitParam = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(PAGE_LIMITS.maxLimit, `must be at most ${PAGE_LIMITS.maxLimit}`)
  .default(PAGE_LIMITS.defaultLimit);

/** GET /api/regions */
export const regionListQuerySchema = z
  .object({
    level: z.enum(REGION_LEVELS, { error: `must be one of ${REGION_LEVELS.join(", ")}` }).optional(),
    parent: objectId.optional(),
    /** Name or code contains this text. */
    q: z.string().trim().min(1).max(50).optional(),
    limit: limitParam,
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type RegionListQuery = z.infer<typeof regionListQuerySchema>;

/** GET /api/regions/locate */
export const locateQuerySchema = z
  .object({
    lng: z.coerce.number({ error: "must be a number" }).pipe(longitudeSchema),
    lat: z.coerce.number({ error: "must be a number" }).pipe(latitudeSchema),
  })
  .strict();

/** Route parameter :id of an object. */
export const idParamsSchema = z.object({ id: objectId }).strict();
