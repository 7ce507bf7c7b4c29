import { createHash } from "node:crypto";
import { hashPassword } from "../auth/passwords";
import { actorOfUser } from "../middlewares/authenticate";
import { Open311ApiKeyModel } from "../models/open311ApiKey";
import { type UserDoc, UserModel } from "../models/user";
import type { Actor } from "../policies/actor";
import { territory } from "../territory/territoryCache";

/** The demo key when DEMO_OPEN311_KEY is not set. */
export const DEFAULT_DEMO_OPEN311_KEY = "demo-open311-key";
/** The username of the demo city's hotline account, on whose behalf the demo key reports. */
export const HOTLINE_USERNAME = "hotline";

/** The stored form of a key: its SHA-256, so that the database never holds the key itself. */
export function apiKeyId(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The actor a key reports for, with the source its reports carry; undefined for an unknown key. */
export async function actorForApiKey(key: string): Promise<{ actor: Actor; source: string } | undefined> {
  const stored = await Open311ApiKeyModel.findById(apiKeyId(key)).lean();
  if (!stored) return undefined;
  const user = await UserModel.findById(stored.userId).lean();
  if (!user?.active) return undefined;
  return { actor: actorOfUser(user as UserDoc, `open311:${stored._id.slice(0, 12)}`), source: stored.source };
}

/**
 * Makes sure the demo city's hotline account (城市服务热线, a city-wide reporter) exists and that
 * `key` belongs to it. Idempotent; run at every start so that a changed DEMO_OPEN311_KEY applies.
 */
export async function ensureDemoOpen311Key(key: string, password: string): Promise<void> {
  const city = [...territory().all()].find((region) => region.level === "city");
  if (!city) throw new Error("The demo city is not loaded");
  let userId = (await UserModel.findOne({ username: HOTLINE_USERNAME }).lean())?._id;
  if (!userId) {
    const created = await UserModel.create({
      username: HOTLINE_USERNAME,
      name: "12345 市民热线",
      role: "city_monitor",
      scope: [city.id],
      passwordHash: await hashPassword(password),
      active: true,
    });
    userId = created._id;
  }
  const _id = apiKeyId(key);
  if (!(await Open311ApiKeyModel.findById(_id).lean())) {
    await Open311ApiKeyModel.create({
      _id,
      userId,
      source: "hotline",
      label: "demo Open311 key",
      createdAt: new Date(),
    });
  }
}
