import { hashPassword } from "@gridrisk/server/auth/passwords";
import { DepartmentModel } from "@gridrisk/server/models/department";
import { UserModel } from "@gridrisk/server/models/user";
import { territory } from "@gridrisk/server/territory/territoryCache";
import type { Role } from "@gridrisk/shared";
import { postJson } from "./http";

/** The password of every account made by these helpers. */
export const TEST_PASSWORD = "correct-horse-battery";
let cachedHash: Promise<string> | undefined;

/** A department serving the region with this id (created when missing, with `names` when given). */
export async function ensureDepartment(
  regionId: string,
  code = "education",
  names?: { name: string; nameEn: string },
): Promise<string> {
  const region = territory().get(regionId);
  if (!region) throw new Error(`no region ${regionId}`);
  const existing = await DepartmentModel.findOne({ regionId, code }).lean();
  if (existing) return existing._id.toHexString();
  const created = await DepartmentModel.create({
    code,
    name: names?.name ?? `${region.name}${code}`,
    ...(names ? { nameEn: names.nameEn } : {}),
    regionId,
    regionPath: [...region.ancestors, region.id],
  });
  return created._id.toHexString();
}

/** Creates an account directly in the database; a department handler gets a department of its region. */
export async function createAccount(options: {
  username: string;
  role: Role;
  scope: string[];
  departmentId?: string;
  active?: boolean;
}): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const departmentId =
    options.role === "department_handler"
      ? (options.departmentId ?? (await ensureDepartment(options.scope[0] ?? "")))
      : null;
  const user = await UserModel.create({
    username: options.username,
    name: `Test ${options.username}`,
    role: options.role,
    scope: options.scope,
    departmentId,
    passwordHash: await cachedHash,
    active: options.active ?? true,
  });
  return user._id.toHexString();
}

/** Signs in through the API and returns the bearer token. */
export async function signInAs(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await postJson(`${baseUrl}/api/auth/login`, { username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${res.text}`);
  return res.body.token as string;
}

/** Authorization header for a token. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
