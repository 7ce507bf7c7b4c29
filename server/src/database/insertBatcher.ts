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

/** One item's outcome in a batch: its result, or the error that concerns it alone. */
type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

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
 * Inserts `docs` in one unordered insertMany; resolves with each document's failure (undefined
 * when it is stored). Throws only when the command failed as a whole.
 */
async function insertEach(collection: Collection, docs: Document[]): Promise<(Error | undefined)[]> {
  try {
    await collection.insertMany(docs, { ordered: false });
    return docs.map(() => undefined);
  } catch (error) {
    const failures = failuresByIndex(error);
    if (!failures) throw error;
    return docs.map((_, index) => failures.get(index));
  }
}

/**
 * A queue of single writes that go in batches: with nothing in flight an item goes at once; what
 * arrives meanwhile waits and goes as one batch when the write's turn comes (see writeGate), taken
 * then so that what queued while it waited goes with it. `writeBatch` gives each item's outcome;
 * when it throws, every item of its batch fails with that error.
 */
function batchedWrites<Item, Result>(writeBatch: (items: Item[]) => Promise<Outcome<Result>[]>) {
  const pending: { item: Item; resolve: (value: Result) => void; reject: (error: Error) => void }[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    while (pending.length) {
      let batch: typeof pending = [];
      try {
        const outcomes = await gatedWrite(() => {
          batch = pending.splice(0, MAX_BATCH);
          return writeBatch(batch.map((entry) => entry.item));
        });
        for (const [index, entry] of batch.entries()) {
          const outcome = outcomes[index] as Outcome<Result>;
          if (outcome.ok) entry.resolve(outcome.value);
          else entry.reject(outcome.error);
        }
      } catch (error) {
        for (const entry of batch) entry.reject(error as Error);
      }
    }
    draining = false;
  }

  return (item: Item): Promise<Result> =>
    new Promise<Result>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!draining) void drain();
    });
}

const outcomeOf = (failure: Error | undefined): Outcome<undefined> =>
  failure ? { ok: false, error: failure } : { ok: true, value: undefined };

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
  const insert = batchedWrites<Document, undefined>(async (docs) =>
    (await insertEach(collection(), docs)).map(outcomeOf),
  );
  return {
    /** Inserts `doc` (with its `_id` set); resolves once it is stored. */
    insert: (doc: Document): Promise<void> => insert(doc),
  };
}

/**
 * Inserts pairs of documents: a claim (e.g. an Idempotency-Key) and the record it claims for (the
 * event), the record only when its claim went in, both in the same turn of the write gate: the
 * claims of a batch in one unordered insertMany, then the records of the claims that landed in
 * another. Resolves "inserted" when both are stored, "claimed" when the claim was already taken
 * (a unique index refused it: the record is left to whoever holds the claim); rejects with the
 * error of whichever write failed.
 */
export function claimedInsertBatcher(claims: () => Collection, records: () => Collection) {
  const insert = batchedWrites<{ claim: Document; record: Document }, "inserted" | "claimed">(async (pairs) => {
    const claimFailures = await insertEach(
      claims(),
      pairs.map((pair) => pair.claim),
    );
    const claimed = pairs.flatMap((_, index) => (claimFailures[index] ? [] : [index]));
    const recordFailures = claimed.length
      ? await insertEach(
          records(),
          claimed.map((index) => (pairs[index] as { record: Document }).record),
        )
      : [];
    const recordFailureOf = new Map(claimed.map((index, position) => [index, recordFailures[position]]));
    return pairs.map((_, index): Outcome<"inserted" | "claimed"> => {
      const claimFailure = claimFailures[index];
      if (claimFailure) {
        return (claimFailure as DocumentWriteError).code === 11000
          ? { ok: true, value: "claimed" }
          : { ok: false, error: claimFailure };
      }
      const recordFailure = recordFailureOf.get(index);
      return recordFailure ? { ok: false, error: recordFailure } : { ok: true, value: "inserted" };
    });
  });
  return {
    /** Inserts `claim`, then `record` if the claim went in. */
    insert: (claim: Document, record: Document) => insert({ claim, record }),
  };
}
