import type { BulkWriteOptions } from "mongodb";
import type { Model } from "mongoose";

/**
 * Statements per bulk-write command. FerretDB v1.24.2 keeps the query of every statement of one
 * update command open until the whole command ends (a `defer` inside its statement loop), each
 * holding one of its backend's pooled connections (100 per database on SQLite). A bulk write of
 * more statements than there are free connections waits for one of its own, forever, and every
 * other request then waits behind it: 1,000 presence entries refreshed in one command stalled the
 * whole server (docs/benchmarks.md, soak). Commands of this size leave the pool to the others.
 */
export const BULK_WRITE_STATEMENTS = 25;

/** Runs `operations` as consecutive bulk writes of at most BULK_WRITE_STATEMENTS each. */
export async function bulkWriteInBatches(
  // biome-ignore lint/suspicious/noExplicitAny: any model: the operations carry the document type
  model: Model<any>,
  operations: readonly Parameters<Model<unknown>["bulkWrite"]>[0][number][],
  options: BulkWriteOptions = {},
): Promise<void> {
  for (let index = 0; index < operations.length; index += BULK_WRITE_STATEMENTS) {
    await model.bulkWrite(operations.slice(index, index + BULK_WRITE_STATEMENTS) as never, options);
  }
}
