import mongoose from "mongoose";

/** A demo account printed at start. */
export interface DemoAccount {
  username: string;
  description: string;
}

export interface SeedResult {
  /** True when this call seeded; false when the database was seeded before. */
  seededNow: boolean;
  password: string;
  accounts: DemoAccount[];
}

const MARKER_COLLECTION = "system_markers";
const MARKER_ID = "demo-seed";

/**
 * Seeds the demo data once per database, remembered by a marker document. The steps (territory,
 * people, institutions, events) are added by the modules that own them; for now there are none.
 */
export async function seedDemoDataOnFirstRun(options: { demoPassword: string }): Promise<SeedResult> {
  const db = mongoose.connection.db;
  if (!db) throw new Error("seedDemoDataOnFirstRun needs a connected database");
  const markers = db.collection<{ _id: string; seededAt: Date }>(MARKER_COLLECTION);
  const existing = await markers.findOne({ _id: MARKER_ID });
  const accounts: DemoAccount[] = [];
  if (!existing) await markers.insertOne({ _id: MARKER_ID, seededAt: new Date() });
  return { seededNow: !existing, password: options.demoPassword, accounts };
}
