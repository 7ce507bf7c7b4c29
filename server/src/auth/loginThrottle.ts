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

function addressThrottled(windowEndsAt: Date, now: Date) {
  return rateLimited(
    "Too many failed sign-ins from this address; try again later.",
    Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000),
  );
}

/** The id of the `slot`-th attempt of an address in a window. */
const slotId = (windowId: string, slot: number) => `${windowId}:${slot}`;

/** Throws 429 when this address has failed too often in the current window. */
export async function assertAddressNotThrottled(ip: string, now = new Date()): Promise<void> {
  const { id, windowEndsAt } = addressKey(ip, now);
  if (await LoginThrottleModel.exists({ _id: slotId(id, LOGIN_LIMITS.maxFailuresPerAddress) })) {
    throw addressThrottled(windowEndsAt, now);
  }
}

/**
 * Takes one of the address's LOGIN_LIMITS.maxFailuresPerAddress attempt slots of the window
 * before the password is checked: each slot is a document with a unique _id, so that a burst
 * of concurrent guesses gets at most that many checks (a counter's $inc is not atomic on
 * FerretDB v1). Throws 429 when every slot is taken; returns the release, for a success or a
 * refusal, which frees the slot again (a wrong password keeps it).
 */
export async function reserveAddressAttempt(ip: string, now = new Date()): Promise<() => Promise<void>> {
  const { id, windowEndsAt } = addressKey(ip, now);
  for (let slot = 1; slot <= LOGIN_LIMITS.maxFailuresPerAddress; slot++) {
    try {
      await LoginThrottleModel.create({ _id: slotId(id, slot), failures: 1, windowEndsAt });
      return async () => {
        await LoginThrottleModel.deleteOne({ _id: slotId(id, slot) });
      };
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  throw addressThrottled(windowEndsAt, now);
}

/** A guess in flight for an account is forgotten after this long (its request died). */
const GUESS_CLAIM_MS = 10_000;

/**
 * Lets one password check at a time run for an account (a unique _id claim, atomic on
 * FerretDB too), so that concurrent guesses are counted one after the other and the lock
 * comes after exactly LOGIN_LIMITS.maxFailuresPerAccount failures. Returns the release.
 */
export async function claimAccountGuess(userId: string, now = new Date()): Promise<() => Promise<void>> {
  const _id = `guess:${userId}`;
  const release = async () => {
    await LoginThrottleModel.deleteOne({ _id });
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await LoginThrottleModel.create({ _id, windowEndsAt: new Date(now.getTime() + GUESS_CLAIM_MS) });
      return release;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const held = await LoginThrottleModel.findById(_id).lean();
    if (held && held.windowEndsAt > now) break;
    // Left by a request that died (or just released: then the delete finds nothing to match).
    if (held) await LoginThrottleModel.deleteOne({ _id, windowEndsAt: held.windowEndsAt });
  }
  throw rateLimited("Another sign-in to this account is being checked; try again in a moment.", 1);
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

/**
 * Counts a failure against the account, when known, locking it at the limit (the address's
 * count was taken by `reserveAddressAttempt`).
 */
export async function recordFailedLogin(userId: string | undefined, now = new Date()): Promise<void> {
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
