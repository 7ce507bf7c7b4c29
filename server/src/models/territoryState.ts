import mongoose, { Schema } from "mongoose";

/**
 * One document whose version rises on every territory change, so that every server instance
 * knows when to rebuild its in-memory territory (FerretDB has no change streams).
 */
const territoryStateSchema = new Schema(
  {
    _id: { type: String, default: "territory" },
    version: { type: Number, required: true, default: 0 },
  },
  { collection: "territory_state", versionKey: false, timestamps: true },
);

export const TerritoryStateModel = mongoose.model("TerritoryState", territoryStateSchema);

/** The current territory version (0 before any import). */
export async function readTerritoryVersion(): Promise<number> {
  const state = await TerritoryStateModel.findById("territory").lean();
  return state?.version ?? 0;
}

/** Atomically raises the territory version and returns the new one. */
export async function bumpTerritoryVersion(): Promise<number> {
  const state = await TerritoryStateModel.findOneAndUpdate(
    { _id: "territory" },
    { $inc: { version: 1 } },
    { upsert: true, returnDocument: "after" },
  ).lean();
  return state?.version ?? 1;
}
