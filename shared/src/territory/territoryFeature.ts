import { z } from "zod";
import { REGION_LIMITS } from "../limits";
import { boundarySchema } from "./geometry";
import { REGION_LEVELS } from "./regionLevels";

/** Properties of one region in a territory GeoJSON file (import and export). */
export const regionPropertiesSchema = z.object({
  /** Administrative-division style code, unique in the whole territory (e.g. 320812). */
  code: z.string().regex(REGION_LIMITS.codePattern, "must be 2-40 letters, digits, _ or -"),
  /** Chinese name. */
  name: z.string().trim().min(1, "is required").max(REGION_LIMITS.maxNameLength),
  /** English name, optional. */
  nameEn: z.string().trim().max(REGION_LIMITS.maxNameLength).optional(),
  level: z.enum(REGION_LEVELS, { error: `must be one of ${REGION_LEVELS.join(", ")}` }),
  /** Code of the parent region; absent only for the city. */
  parentCode: z.string().regex(REGION_LIMITS.codePattern).optional(),
});
export type RegionProperties = z.infer<typeof regionPropertiesSchema>;

/** One region as a GeoJSON Feature; grids must have a geometry, others may have null. */
export const territoryFeatureSchema = z.object({
  type: z.literal("Feature"),
  properties: regionPropertiesSchema,
  geometry: boundarySchema.nullable(),
});
export type TerritoryFeature = z.infer<typeof territoryFeatureSchema>;

/** A whole territory (or part of one) as a GeoJSON FeatureCollection. */
export const territoryCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(z.unknown()).max(100_000, "at most 100000 features per import"),
});
