import {
  MULTI_REGION_SCOPE,
  type Role,
  SCOPE_LEVELS,
  type UserCreateInput,
  type UserUpdateInput,
} from "@gridrisk/shared";
import { forgetActors } from "../auth/actorCache";
import { hashPassword } from "../auth/passwords";
import type { SessionStore } from "../auth/sessionStore";
import { alreadyExists, notFound, validationFailed } from "../errors";
import { DepartmentModel } from "../models/department";
import { type UserDoc, UserModel } from "../models/user";
import { territory } from "../territory/territoryCache";

/**
 * The scope a user of this role gets: the regions given, checked against the role's levels; a
 * department handler's is its department's territory.
 */
export async function resolveScope(
  role: Role,
  scope: string[],
  departmentId: string | undefined,
): Promise<{ scope: string[]; departmentId: string | null }> {
  if (role === "department_handler") {
    if (!departmentId)
      throw validationFailed([{ path: "body.departmentId", message: "is required for a department handler" }]);
    const department = await DepartmentModel.findById(departmentId).lean();
    if (!department) throw validationFailed([{ path: "body.departmentId", message: "names no department" }]);
    return { scope: [department.regionId.toHexString()], departmentId };
  }
  if (departmentId) throw validationFailed([{ path: "body.departmentId", message: "is only for department handlers" }]);
  const unique = [...new Set(scope)];
  if (unique.length === 0) throw validationFailed([{ path: "body.scope", message: `a ${role} needs a region` }]);
  if (unique.length > 1 && !MULTI_REGION_SCOPE[role]) {
    throw validationFailed([{ path: "body.scope", message: `a ${role} acts in exactly one region` }]);
  }
  unique.forEach((id, index) => {
    const region = territory().get(id);
    if (!region) throw validationFailed([{ path: `body.scope.${index}`, message: "names no region" }]);
    if (!SCOPE_LEVELS[role].includes(region.level)) {
      throw validationFailed([
        {
          path: `body.scope.${index}`,
          message: `a ${role} acts in a ${SCOPE_LEVELS[role].join(" or ")}, not a ${region.level}`,
        },
      ]);
    }
  });
  return { scope: unique, departmentId: null };
}

/** Creates an account (admin). */
export async function createUser(input: UserCreateInput): Promise<UserDoc> {
  const resolved = await resolveScope(input.role, input.scope, input.departmentId);
  if (await UserModel.exists({ username: input.username })) {
    throw alreadyExists(`The username ${input.username} is taken.`);
  }
  const created = await UserModel.create({
    username: input.username,
    name: input.name,
    role: input.role,
    phone: input.phone,
    ...resolved,
    passwordHash: await hashPassword(input.password),
  });
  return created.toObject() as UserDoc;
}

/** Changes an account (admin); a new password or a deactivation signs the user out everywhere. */
export async function updateUser(id: string, input: UserUpdateInput, sessions: SessionStore): Promise<UserDoc> {
  const current = (await UserModel.findById(id).lean()) as UserDoc | null;
  if (!current) throw notFound(`User ${id}`);
  const $set: Record<string, unknown> = {};
  if (input.name !== undefined) $set.name = input.name;
  if (input.phone !== undefined) $set.phone = input.phone;
  if (input.active !== undefined) $set.active = input.active;
  if (input.role !== undefined || input.scope !== undefined || input.departmentId !== undefined) {
    const role = input.role ?? current.role;
    const scope = input.scope ?? current.scope.map((regionId) => regionId.toHexString());
    const departmentId =
      input.departmentId ?? (role === "department_handler" ? current.departmentId?.toHexString() : undefined);
    Object.assign($set, { role, ...(await resolveScope(role, scope, departmentId)) });
  }
  if (input.password !== undefined) $set.passwordHash = await hashPassword(input.password);
  const updated = (await UserModel.findOneAndUpdate(
    { _id: id },
    { $set },
    { returnDocument: "after" },
  ).lean()) as UserDoc;
  if (input.password !== undefined || input.active === false) await sessions.revokeAllOf(id);
  else forgetActors({ userId: id }); // a new role or scope applies from the next request
  return updated;
}
