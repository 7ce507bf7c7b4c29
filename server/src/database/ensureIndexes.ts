import mongoose from "mongoose";
import { createLogger } from "../logging/logger";

const log = createLogger("database");

/**
 * Creates every model's indexes and waits for them. Mongoose's autoIndex does this in the
 * background, which leaves a window in which a unique index does not yet exist; this closes it.
 */
export async function ensureIndexes(): Promise<void> {
  const started = Date.now();
  for (const model of Object.values(mongoose.models)) await model.createIndexes();
  log.info("indexes ready", { models: Object.keys(mongoose.models).length, durationMs: Date.now() - started });
}
