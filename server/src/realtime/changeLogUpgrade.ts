import { isOnlyDuplicateKeys } from "../database/duplicateKey";
import { createLogger } from "../logging/logger";
import { ChangeLogEntryModel, changeLogKey } from "../models/changeLogEntry";

const log = createLogger("realtime");

/**
 * Rewrites change-log entries stored before the log's `_id` became text (their `_id` was the
 * number itself, with no `seq`) into the current form, under the same seqs, so that catch-up and
 * `sync` keep working across the upgrade. Run at start, before anything reads the log; a second
 * run, or one racing another instance's, changes nothing more (the inserts are unordered and a
 * taken `_id` is skipped). Returns the number of entries rewritten.
 */
export async function upgradeChangeLogIds(): Promise<number> {
  const collection = ChangeLogEntryModel.collection;
  const legacy = await collection.find({ _id: { $type: "number" } as never }).toArray();
  if (legacy.length === 0) return 0;
  const rewritten = legacy.map(({ _id, ...entry }) => ({
    ...entry,
    _id: changeLogKey(Number(_id)),
    seq: Number(_id),
  }));
  try {
    await collection.insertMany(rewritten as never[], { ordered: false });
  } catch (error) {
    if (!isOnlyDuplicateKeys(error)) throw error;
  }
  await collection.deleteMany({ _id: { $in: legacy.map((entry) => entry._id) } });
  log.info("change log entries rewritten with text ids", { entries: legacy.length });
  return legacy.length;
}
