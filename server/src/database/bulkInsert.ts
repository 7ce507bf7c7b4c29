import { setImmediate } from "node:timers/promises";
import type { Model } from "mongoose";
import { isOnlyDuplicateKeys } from "./duplicateKey";
import { claimedInsertBatcher, insertBatcher } from "./insertBatcher";
import { validateDocuments } from "./validateDocuments";

/**
 * Documents per insert command of insertValidated. Each command has a cost of its own in the
 * database: on FerretDB's SQLite backend 5,000 events in chunks of 100 took it about 30% more CPU
 * than in chunks of 1,000, which cost what one command of all 5,000 does.
 */
export const INSERT_CHUNK = 1000;

export interface InsertValidatedOptions {
  /**
   * false: a document refused by a unique index (someone else inserted it first) is skipped and
   * the others still go in, as with the driver's unordered insertMany; it is left out of the count.
   * Any other failure still stops the run. Default true.
   */
  ordered?: boolean;
}

/**
 * Inserts many documents through the model layer: each is built as a mongoose document (casting
 * and defaults) and validated (see validatedRows), then written with the driver's insertMany,
 * INSERT_CHUNK documents at a time, the next chunk being built and validated while the one before
 * it is written: building costs this process's CPU, writing mostly the database's, and the two
 * overlap. Mongoose's own `insertMany` does the same per document but with its save machinery
 * around each one, which made it 3.4× slower than the driver on a 5,000-event seed; `lean: true` is
 * fast but skips casting, defaults and validation altogether. A document that fails validation
 * stops the run with its error: the chunks before its own are stored, nothing from its chunk on.
 * Resolves with the number of documents inserted.
 */
export async function insertValidated(
  // biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
  model: Model<any>,
  docs: readonly object[],
  options: InsertValidatedOptions = {},
): Promise<number> {
  return (await insertValidatedRows(model, docs, options)).inserted;
}

/** insertValidated, resolving also with every row built (those skipped as duplicates included). */
export async function insertValidatedRows(
  // biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
  model: Model<any>,
  docs: readonly object[],
  { ordered = true }: InsertValidatedOptions = {},
): Promise<{ inserted: number; rows: Record<string, unknown>[] }> {
  let inserted = 0;
  const built: Record<string, unknown>[] = [];
  let failure: { error: unknown } | undefined;
  let writing: Promise<void> = Promise.resolve();
  const written = async () => {
    await writing;
    if (failure) throw failure.error;
  };
  for (let start = 0; start < docs.length; start += INSERT_CHUNK) {
    const rows = await validatedInSlices(model, docs.slice(start, start + INSERT_CHUNK)).catch(async (error) => {
      await written();
      throw error;
    });
    await written();
    built.push(...rows);
    writing = model.collection.insertMany(rows as never[], { ordered }).then(
      (result) => {
        inserted += result.insertedCount;
      },
      (error) => {
        if (!ordered && isOnlyDuplicateKeys(error))
          inserted += (error as { insertedCount?: number }).insertedCount ?? 0;
        else failure = { error };
      },
    );
  }
  await written();
  return { inserted, rows: built };
}

/** Documents built and validated between two turns of the event loop. */
const BUILD_SLICE = 100;

/**
 * validatedRows, a slice at a time with a turn of the event loop between slices: building is
 * synchronous CPU work (about 0.3 ms per event document), and a chunk built in one go would keep
 * the driver from sending the write before it and from reading its answer, and hold up every
 * other request of the process meanwhile.
 */
// biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
async function validatedInSlices(model: Model<any>, docs: readonly object[]): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (let start = 0; start < docs.length; start += BUILD_SLICE) {
    if (start > 0) await setImmediate();
    rows.push(...(await validatedRows(model, docs.slice(start, start + BUILD_SLICE))));
  }
  return rows;
}

/**
 * The rows `docs` are stored as: each built as a mongoose document of `model` (casting, defaults,
 * timestamps when the schema has them and a document brings none) and validated (see
 * validateDocuments). Throws the first validation error.
 */
// biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
export async function validatedRows(model: Model<any>, docs: readonly object[]): Promise<Record<string, unknown>[]> {
  const stamps = model.schema.get("timestamps") ? new Date() : undefined;
  const built = docs.map((doc) => new model(stamps ? { createdAt: stamps, updatedAt: stamps, ...doc } : doc));
  await validateDocuments(model.schema, built);
  return built.map((document) => document.toObject({ depopulate: true }));
}

const batchers = new WeakMap<object, ReturnType<typeof insertBatcher>>();

// biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
function batcherOf(model: Model<any>) {
  let batcher = batchers.get(model);
  if (!batcher) {
    batcher = insertBatcher(() => model.collection as never);
    batchers.set(model, batcher);
  }
  return batcher;
}

/**
 * Inserts one document through the model layer (as `validatedRows`), grouped with the inserts into
 * the same collection that arrive meanwhile (see insertBatcher); resolves with the stored row.
 * A unique index refusing it rejects with code 11000, as `Model.create` would.
 */
// biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
export async function insertOne<T = Record<string, unknown>>(model: Model<any>, doc: object): Promise<T> {
  const [row] = await validatedRows(model, [doc]);
  await batcherOf(model).insert(row as object);
  return row as T;
}

const templates = new WeakMap<object, Record<string, unknown>>();

/**
 * A fresh copy of the top-level defaults of `model`'s schema (what `new model({})` sets), without
 * `_id` and timestamps.
 */
// biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
export function schemaDefaults(model: Model<any>): Record<string, unknown> {
  let template = templates.get(model);
  if (!template) {
    const { _id, createdAt, updatedAt, ...defaults } = new model({}).toObject({ depopulate: true });
    template = defaults as Record<string, unknown>;
    templates.set(model, template);
  }
  return structuredClone(template);
}

/**
 * Inserts a row built complete by the caller (every field of the schema, typed as the schema
 * stores it: ObjectIds, Dates), with the schema's top-level defaults under it and timestamps when
 * the schema has them, without building a mongoose document: the hot path of reporting, where
 * building and validating one cost about 1.5 ms per report. Grouped as `insertOne`. The caller's
 * rows are checked against the schema by tests (a stored row must come back unchanged through
 * `new model(row)`, and valid), not at run time.
 */
// biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
export async function insertBuiltRow<T>(model: Model<any>, row: object, now = new Date()): Promise<T> {
  const stamps = model.schema.get("timestamps") ? { createdAt: now, updatedAt: now } : {};
  const stored = { ...schemaDefaults(model), ...stamps, ...row };
  await batcherOf(model).insert(stored);
  return stored as T;
}

const pairBatchers = new Map<string, ReturnType<typeof claimedInsertBatcher>>();

/**
 * Inserts a built claim row (e.g. an Idempotency-Key) and, if it went in, the built row it claims
 * for, both grouped with the other pairs of the same models that arrive meanwhile (see
 * claimedInsertBatcher), each completed as insertBuiltRow does. Resolves with the stored row, or
 * undefined when the claim was already taken (nothing of this pair is stored then).
 */
export async function insertBuiltRowClaimed<T>(
  // biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
  claimModel: Model<any>,
  claim: object,
  // biome-ignore lint/suspicious/noExplicitAny: any model: its document type does not matter here
  model: Model<any>,
  row: object,
  now = new Date(),
): Promise<T | undefined> {
  const key = `${claimModel.modelName}>${model.modelName}`;
  let batcher = pairBatchers.get(key);
  if (!batcher) {
    batcher = claimedInsertBatcher(
      () => claimModel.collection as never,
      () => model.collection as never,
    );
    pairBatchers.set(key, batcher);
  }
  const complete = (target: Model<unknown>, built: object) => ({
    ...schemaDefaults(target),
    ...(target.schema.get("timestamps") ? { createdAt: now, updatedAt: now } : {}),
    ...built,
  });
  const stored = complete(model, row);
  const outcome = await batcher.insert(complete(claimModel, claim), stored);
  return outcome === "inserted" ? (stored as T) : undefined;
}
