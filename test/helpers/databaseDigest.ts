import { createHash } from "node:crypto";
import mongoose from "mongoose";

/**
 * A SHA-256 of every document of every collection of the connected database (sorted by _id),
 * per collection, leaving out `skip`: the collections that a refused request is meant to write
 * (failed sign-ins) or that the scheduler writes on its own (job leases).
 */
export async function databaseDigest(skip: readonly string[] = []): Promise<Record<string, string>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error("not connected");
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((collection) => collection.name)
    .filter((name) => !skip.includes(name))
    .sort();
  const digest: Record<string, string> = {};
  for (const name of names) {
    const hash = createHash("sha256");
    for await (const doc of db.collection(name).find({}).sort({ _id: 1 })) hash.update(JSON.stringify(doc));
    digest[name] = hash.digest("hex");
  }
  return digest;
}

/** Names of the collections whose digest differs. */
export function changedCollections(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
