import type { Collection, Document } from "mongodb";
import { gatedWrite } from "./writeGate";

/** Documents sent in one insert command at most. */
const MAX_BATCH = 100;

/** The failure of one document of a batch, shaped as a single insert's failure would be. */
class DocumentWriteError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
  ) {
    super(message);
    this.name = "DocumentWriteError";
  }
}

interface PendingInsert {
  doc: Document;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** What a failed unordered insertMany says of each document that did not go in, by index. */
function failuresByIndex(error: unknown): Map<number, Error> | undefined {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (!list.length) return undefined;
  const failures = new Map<number, Error>();
  for (const writeError of list as { index: number; code?: number; errmsg?: string }[]) {
    failures.set(writeError.index, new DocumentWriteError(writeError.errmsg ?? "insert failed", writeError.code));
  }
  return failures;
}

/**
 * Inserts single documents into one collection, grouping those that arrive while a write is in
 * flight into one unordered insertMany (group commit). Each document's insert is still its own
 * atomic write, and each caller learns its own outcome: a document refused by a unique index
 * rejects with code 11000 as an insertOne would, the others land.
 *
 * Why: each insert command costs FerretDB on SQLite one transaction, whatever its size, and the
 * single SQLite writer takes them one at a time; under a burst of reports, twenty inserts in one
 * command cost little more than one. With nothing in flight a document goes at once, so a quiet
 * server adds no wait.
 */
export function insertBatcher(collection: () => Collection) {
  const pending: PendingInsert[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    while (pending.length) {
      // The batch is taken when the write's turn comes (see writeGate), so that what queued while
      // it waited goes with it.
      let batch: PendingInsert[] = [];
      try {
        await gatedWrite(() => {
          batch = pending.splice(0, MAX_BATCH);
          return collection().insertMany(
            batch.map((item) => item.doc),
            { ordered: false },
          );
        });
        for (const item of batch) item.resolve();
      } catch (error) {
        const failures = failuresByIndex(error);
        for (const [index, item] of batch.entries()) {
          const failure = failures ? failures.get(index) : (error as Error);
          if (failure) item.reject(failure);
          else item.resolve();
        }
      }
    }
    draining = false;
  }

  return {
    /** Inserts `doc` (with its `_id` set); resolves once it is stored. */
    insert(doc: Document): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ doc, resolve, reject });
        if (!draining) void drain();
      });
    },
  };
}
