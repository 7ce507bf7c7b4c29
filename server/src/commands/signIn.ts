import type { LoginInput } from "@gridrisk/shared";
import {
  assertAccountNotLocked,
  assertAddressNotThrottled,
  claimAccountGuess,
  recordFailedLogin,
  recordSuccessfulLogin,
  reserveAddressAttempt,
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
  const releaseAddress = await reserveAddressAttempt(meta.ip);
  let releaseGuess: (() => Promise<void>) | undefined;
  try {
    const found = (await UserModel.findOne({ username: input.username }).lean()) as UserDoc | null;
    if (found) releaseGuess = await claimAccountGuess(found._id.toHexString());
    // Read again under the claim: a guess that finished meanwhile may have locked the account.
    const user = found ? ((await UserModel.findById(found._id).lean()) as UserDoc | null) : null;
    if (user) assertAccountNotLocked(user);
    const passwordOk = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !passwordOk || !user.active) {
      await recordFailedLogin(user?._id.toHexString());
      throw unauthenticated("Wrong username or password.");
    }
    await recordSuccessfulLogin(user._id.toHexString());
    const session = await sessions.create(user._id.toHexString(), meta);
    await releaseAddress();
    return { ...session, user };
  } catch (error) {
    // Only a wrong password counts against the address; a refusal (429) or an outage does not.
    if ((error as { code?: string }).code !== "unauthenticated") await releaseAddress().catch(() => undefined);
    throw error;
  } finally {
    await releaseGuess?.().catch(() => undefined);
  }
}
