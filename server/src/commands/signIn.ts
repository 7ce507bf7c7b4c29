import type { LoginInput } from "@gridrisk/shared";
import {
  assertAccountNotLocked,
  assertAddressNotThrottled,
  recordFailedLogin,
  recordSuccessfulLogin,
} from "../auth/loginThrottle";
import { verifyPassword } from "../auth/passwords";
import type { SessionStore } from "../auth/sessionStore";
import { unauthenticated } from "../errors";
import { type UserDoc, UserModel } from "../models/user";

/** Where a sign-in comes from. */
export interface SignInMeta {
  ip: string;
  userAgent?: string;
}

/**
 * Checks the credentials, with throttling per address and lock-out per account, and opens a
 * session. Wrong username and wrong password get the same answer.
 */
export async function signIn(input: LoginInput, meta: SignInMeta, sessions: SessionStore) {
  await assertAddressNotThrottled(meta.ip);
  const user = (await UserModel.findOne({ username: input.username }).lean()) as UserDoc | null;
  if (user) assertAccountNotLocked(user);
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !passwordOk || !user.active) {
    await recordFailedLogin(meta.ip, user?._id.toHexString());
    throw unauthenticated("Wrong username or password.");
  }
  await recordSuccessfulLogin(user._id.toHexString());
  const session = await sessions.create(user._id.toHexString(), meta);
  return { ...session, user };
}
