import { z } from "zod";
import { dateKeySchema as dateKey } from "../calendar/calendarSchemas";
import { latitudeSchema, longitudeSchema } from "../territory/geometry";
import { creditCodeSchema } from "./creditCode";
import { FUND_SUPERVISION_STATUSES, INSTITUTION_TYPES, LICENCE_STATUSES } from "./institutionKinds";

/** Lengths and sizes of an institution's fields. */
export const INSTITUTION_LIMITS = {
  maxNameLength: 100,
  maxAddressLength: 200,
  maxContactNameLength: 50,
  maxStudentCount: 100_000,
  maxNotesLength: 1000,
} as const;

// A mainland mobile number, or a landline with its area code (0517-83661234; the hyphen may be left out).
const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

const requiredText = (max: number) =>
  z.string({ error: "must be a string" }).trim().min(1, "is required").max(max, `must be at most ${max} characters`);

/** POST /api/institutions: the fields a user may set; the grid and everything else are the server's. */
export const institutionInputSchema = z
  .object({
    /** Registered name, e.g. 淮安市清江浦区启航艺术培训中心. */
    name: requiredText(INSTITUTION_LIMITS.maxNameLength),
    /** Unified social credit code (统一社会信用代码). */
    creditCode: creditCodeSchema,
    type: z.enum(INSTITUTION_TYPES, { error: `must be one of ${INSTITUTION_TYPES.join(", ")}` }),
    licenceStatus: z.enum(LICENCE_STATUSES, { error: `must be one of ${LICENCE_STATUSES.join(", ")}` }),
    /** How its prepaid fees are supervised (预收费资金监管). */
    fundSupervision: z.enum(FUND_SUPERVISION_STATUSES, {
      error: `must be one of ${FUND_SUPERVISION_STATUSES.join(", ")}`,
    }),
    /** Last day its school-running licence (办学许可证) is valid, "YYYY-MM-DD". */
    licenceValidUntil: dateKey.optional(),
    /** Last day it has classes scheduled (sold on the prepaid-fee platform), "YYYY-MM-DD". */
    classesScheduledUntil: dateKey.optional(),
    /** Street address where it teaches. */
    address: requiredText(INSTITUTION_LIMITS.maxAddressLength),
    /** Where it teaches, WGS-84; the server finds its grid from this. */
    location: z.object({ lng: longitudeSchema, lat: latitudeSchema }).strict(),
    /** The person the grid worker calls. */
    contact: z
      .object({
        name: requiredText(INSTITUTION_LIMITS.maxContactNameLength),
        phone: z
          .string({ error: "must be a string" })
          .trim()
          .regex(PHONE_PATTERN, "must be a mainland mobile number or a landline with area code (0517-83661234)"),
      })
      .strict(),
    /** Students currently enrolled, as last reported. */
    studentCount: z
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must not be negative")
      .max(INSTITUTION_LIMITS.maxStudentCount, `must be at most ${INSTITUTION_LIMITS.maxStudentCount}`)
      .optional(),
    notes: z
      .string({ error: "must be a string" })
      .trim()
      .max(INSTITUTION_LIMITS.maxNotesLength, `must be at most ${INSTITUTION_LIMITS.maxNotesLength} characters`)
      .optional(),
  })
  .strict();
export type InstitutionInput = z.infer<typeof institutionInputSchema>;

/** PATCH /api/institutions/:id: any of the input fields, at least one. */
export const institutionUpdateSchema = institutionInputSchema
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, "give at least one field to change");
export type InstitutionUpdate = z.infer<typeof institutionUpdateSchema>;
