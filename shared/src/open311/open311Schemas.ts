import { z } from "zod";
import { CATEGORY_CODE_PATTERN, SEVERITIES } from "../events/eventKinds";
import { EVENT_LIMITS } from "../events/eventLimits";

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" });
const codeList = z
  .string()
  .transform((text) => text.split(",").map((part) => part.trim()))
  .pipe(z.array(z.string().min(1).max(40)).min(1).max(100));

/** Formats of every GeoReport v2 resource: `.json` or `.xml`. */
export const OPEN311_FORMATS = ["json", "xml"] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** The most requests GET requests returns (GeoReport v2 suggests 1000) and its default period. */
export const OPEN311_LIMITS = { maxRequests: 1000, defaultDays: 90 } as const;

/** GET /open311/v2/requests.{format}: the standard filters. */
export const open311RequestListQuerySchema = z.object({
  jurisdiction_id: z.string().max(100).optional(),
  /** Comma-separated ids; when given, the other filters are ignored (as the specification says). */
  service_request_id: codeList.optional(),
  service_code: codeList.optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  status: z
    .string()
    .transform((text) => text.split(",").map((part) => part.trim()))
    .pipe(z.array(z.enum(["open", "closed"], { error: 'must be "open", "closed" or both' })).min(1))
    .optional(),
});
export type Open311RequestListQuery = z.infer<typeof open311RequestListQuerySchema>;

const coordinate = (max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .refine((value) => Number.isFinite(value) && Math.abs(value) <= max, `must be within ±${max}`);

/**
 * POST /open311/v2/requests.{format}, form-encoded as GeoReport v2 sends it. The person fields
 * (email, names, phone, device and account ids) are accepted and not stored.
 */
export const open311RequestCreateSchema = z.object({
  api_key: z.string({ error: "is required" }).min(1, "is required").max(200),
  jurisdiction_id: z.string().max(100).optional(),
  service_code: z.string({ error: "is required" }).regex(CATEGORY_CODE_PATTERN, "is not a service code"),
  lat: coordinate(90),
  long: coordinate(180),
  address_string: z.string().max(300).optional(),
  address_id: z.string().max(100).optional(),
  description: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(EVENT_LIMITS.maxDescriptionLength, `must be at most ${EVENT_LIMITS.maxDescriptionLength} characters`),
  "attribute[title]": z.string().trim().min(1).max(EVENT_LIMITS.maxTitleLength).optional(),
  "attribute[severity]": z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` }).optional(),
  email: z.string().max(200).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: z.string().max(200).optional(),
  last_name: z.string().max(200).optional(),
  phone: z.string().max(200).optional(),
  media_url: z.string().max(2000).optional(),
});
export type Open311RequestCreateInput = z.infer<typeof open311RequestCreateSchema>;
