import { LOGIN_LIMITS } from "@gridrisk/shared";
import { rateLimited } from "../errors";
import { LoginThrottleModel } from "../models/loginThrottle";
import { UserModel } from "../models/user";

const MINUTE = 60_000;

function addressKey(ip: string, now: Date): { id: string; windowEndsAt: Date } {
  const windowMs = LOGIN_LIMITS.addressWindowMinutes * MINUTE;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  return { id: `ip:${ip}:${windowStart}`, windowEndsAt: new Date(windowStart + windowMs) };
}

/** Throws 429 when this address has failed too often in the current window. */
export async function assertAddressNotThrottled(ip: string, now = new Date()): Promise<void> {
  const { id, windowEndsAt } = addressKey(ip, now);
  const entry = await LoginThrottleModel.findById(id).lean();
  if (entry && entry.failures >= LOGIN_LIMITS.maxFailuresPerAddress) {
    throw rateLimited(
      "Too many failed sign-ins from this address; try again later.",
      Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000),
    );
  }
}

/** Throws 429 while the account is locked. */
export function assertAccountNotLocked(user: { lockedUntil?: Date | null }, now = new Date()): void {
  if (user.lockedUntil && user.lockedUntil > now) {
    throw rateLimited(
      "This account is locked after repeated failed sign-ins; try again later.",
      Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000),
    );
  }
}

/** Counts a failure against the address and, when known, the account (locking it at the limit). */
export async function recordFailedLogin(ip: string, userId: string | undefined, now = new Date()): Promise<void> {
  const { id, windowEndsAt } = addressKey(ip, now);
  await LoginThrottleModel.updateOne({ _id: id }, { $inc: { failures: 1 }, $set: { windowEndsAt } }, { upsert: true });
  if (!userId) return;
  // No projection: FerretDB v1 does not implement findAndModify's "fields".
  const user = await UserModel.findOneAndUpdate(
    { _id: userId },
    { $inc: { failedLogins: 1 } },
    { returnDocument: "after" },
  ).lean();
  if (user && user.failedLogins >= LOGIN_LIMITS.maxFailuresPerAccount) {
    // Lock for a while and start counting afresh once it passes.
    await UserModel.updateOne(
      { _id: userId },
      { $set: { lockedUntil: new Date(now.getTime() + LOGIN_LIMITS.accountLockMinutes * MINUTE), failedLogins: 0 } },
    );
  }
}

/** A success clears the account's failures. */
export async function recordSuccessfulLogin(userId: string, now = new Date()): Promise<void> {
  await UserModel.updateOne({ _id: userId }, { $set: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
}
