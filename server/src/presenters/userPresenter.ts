import type { Role } from "@gridrisk/shared";
import type { UserDoc } from "../models/user";

/** A user as the API shows it. The password hash and sign-in counters are never listed here. */
export interface UserView {
  id: string;
  username: string;
  name: string;
  role: Role;
  scope: string[];
  departmentId?: string;
  phone?: string;
  active: boolean;
  lastLoginAt?: string;
}

/** Every field of a user that may leave the server. */
export function presentUser(user: UserDoc): UserView {
  return {
    id: user._id.toHexString(),
    username: user.username,
    name: user.name,
    role: user.role,
    scope: (user.scope ?? []).map((id) => id.toHexString()),
    ...(user.departmentId ? { departmentId: user.departmentId.toHexString() } : {}),
    ...(user.phone ? { phone: user.phone } : {}),
    active: user.active ?? true,
    ...(user.lastLoginAt ? { lastLoginAt: user.lastLoginAt.toISOString() } : {}),
  };
}
