import { z } from "zod";
import { USER_LIMITS } from "../limits";
import { ROLES } from "./roles";

/** POST /api/auth/login */
export const loginSchema = z
  .object({
    username: z.string().trim().toLowerCase().min(1, "is required").max(USER_LIMITS.maxUsernameLength),
    password: z.string().min(1, "is required").max(USER_LIMITS.maxPasswordLength),
  })
  .strict();
export type LoginInput = z.infer<typeof loginSchema>;

const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");

/** POST /api/users (admin only). */
export const userCreateSchema = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(USER_LIMITS.usernamePattern, "must be 3-40 lower-case letters, digits, '.', '_' or '-'"),
    name: z.string().trim().min(1, "is required").max(USER_LIMITS.maxNameLength),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
    /** Region ids the user acts in; a department handler's comes from its department. */
    scope: z.array(objectIdSchema).max(USER_LIMITS.maxScopeRegions).default([]),
    departmentId: objectIdSchema.optional(),
    password: z
      .string()
      .min(USER_LIMITS.minPasswordLength, `must be at least ${USER_LIMITS.minPasswordLength} characters`)
      .max(USER_LIMITS.maxPasswordLength),
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/, "must be a mainland mobile number")
      .optional(),
  })
  .strict();
export type UserCreateInput = z.infer<typeof userCreateSchema>;

/** PATCH /api/users/:id (admin only); at least one field. No defaults: an absent field stays as it is. */
export const userUpdateSchema = userCreateSchema
  .omit({ username: true })
  .extend({ scope: z.array(objectIdSchema).min(1).max(USER_LIMITS.maxScopeRegions), active: z.boolean() })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, "give at least one field to change");
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
