import type { EventChange, LiveChangeType, LiveEventView } from "@gridrisk/shared";
import { trusted } from "../database/trustedFilter";
import { type ChangeLogEntryDoc, ChangeLogEntryModel } from "../models/changeLogEntry";

/**
 * The change log: every change of an event gets the next sequence number, gap-free and in one
 * total order across all server instances.
 *
 * Why not a counter document with `$inc` (as the issue suggests): FerretDB v1 applies `$inc`
 * in Go and writes back without re-checking, so concurrent callers get the same value
 * (docs/database.md). Why not reserved blocks (as event codes do): two instances holding blocks
 * 101–150 and 151–200 would write 151 before 101 exists, and a reader at 150 would skip 101.
 *
 * So the entry's `_id` is its seq, claimed by a unique insert, the one thing FerretDB enforces
 * under concurrency. An instance only tries `n + 1` after it has seen `n` written (by itself or
 * by reading the highest `_id`), so whenever `n` is readable every seq below it is too; a
 * duplicate key means another instance took `n + 1` first: read the highest and try again.
 * Within one process the appends are queued, so live messages leave in seq order.
 */

let lastKnown: number | undefined;
let queue: Promise<unknown> = Promise.resolve();
const MAX_ATTEMPTS = 50;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/** The highest seq written so far (0 when the log is empty). */
export async function latestSeq(): Promise<number> {
  const newest = await ChangeLogEntryModel.findOne().sort({ _id: -1 }).lean();
  return newest?._id ?? 0;
}

/** What a change is about and who may receive it. */
export interface ChangeToLog {
  type: LiveChangeType;
  event: LiveEventView;
  regionPath: string[];
  departmentIds: string[];
  at: Date;
}

async function insertNext(change: ChangeToLog): Promise<number> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    lastKnown ??= await latestSeq();
    const seq = lastKnown + 1;
    try {
      await ChangeLogEntryModel.create({ _id: seq, ...change });
      lastKnown = seq;
      return seq;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      lastKnown = undefined;
    }
  }
  throw new Error(`no free change seq after ${MAX_ATTEMPTS} attempts`);
}

/** Writes the change with the next seq and returns it; calls are served one at a time, in order. */
export function appendChange(change: ChangeToLog): Promise<number> {
  const appended = queue.then(() => insertNext(change));
  queue = appended.catch(() => undefined);
  return appended;
}

/** The entry as a live message. */
export function changeOf(entry: Pick<ChangeLogEntryDoc, "_id" | "type" | "event">): EventChange {
  return { seq: entry._id, type: entry.type as LiveChangeType, event: entry.event as LiveEventView };
}

/**
 * Entries after `since`, oldest first, at most `limit + 1` (so the caller can tell "more"), or
 * "too old" when entries after `since` were pruned (or `since` lies beyond the log).
 */
export async function entriesSince(
  since: number,
  limit: number,
): Promise<{ entries: ChangeLogEntryDoc[] } | { tooOld: true; latest: number }> {
  const [oldest, latest] = await Promise.all([ChangeLogEntryModel.findOne().sort({ _id: 1 }).lean(), latestSeq()]);
  if (since > latest || (oldest && since < oldest._id - 1)) return { tooOld: true, latest };
  const entries = await ChangeLogEntryModel.find({ _id: trusted({ $gt: since }) })
    .sort({ _id: 1 })
    .limit(limit + 1)
    .lean<ChangeLogEntryDoc[]>();
  return { entries };
}

/** Deletes entries older than `olderThan`, always keeping the newest so that seq never restarts. */
export async function pruneChangeLog(olderThan: Date): Promise<number> {
  const newest = await latestSeq();
  const result = await ChangeLogEntryModel.deleteMany({
    at: trusted({ $lt: olderThan }),
    _id: trusted({ $lt: newest }),
  });
  return result.deletedCount;
}

/** Forgets the cached seq (tests that drop the database). */
export function resetChangeLog(): void {
  lastKnown = undefined;
}
