import type {
  EventChange,
  InspectionTaskLiveChange,
  InspectionTaskView,
  LiveChangeType,
  LiveEventView,
} from "@gridrisk/shared";
import { isDuplicateKey } from "../database/duplicateKey";
import { trusted } from "../database/trustedFilter";
import { gatedWrite } from "../database/writeGate";
import { INSTANCE_ID } from "../jobs/jobLease";
import { type ChangeLogEntryDoc, ChangeLogEntryModel, changeLogKey } from "../models/changeLogEntry";

/**
 * The change log: every change of an event gets the next sequence number, gap-free and in one
 * total order across all server instances.
 *
 * Why not a counter document with `$inc` (as the issue suggests): FerretDB v1 applies `$inc`
 * in Go and writes back without re-checking, so concurrent callers get the same value
 * (docs/database.md). Why not reserved blocks (as event codes do): two instances holding blocks
 * 101–150 and 151–200 would write 151 before 101 exists, and a reader at 150 would skip 101.
 *
 * So the entry's `_id` is its seq (as fixed-width text, see changeLogKey), claimed by a unique
 * insert, the one thing FerretDB enforces under concurrency. An instance only tries `n + 1` after it has seen `n` written (by itself or
 * by reading the highest `_id`), so whenever `n` is readable every seq below it is too; a
 * duplicate key means another instance took `n + 1` first: read the highest and try again.
 * Within one process the appends are queued and written in batches (see appendChange). Pruning
 * removes the oldest entries only, so the log always holds every seq from its oldest to its newest.
 */

let lastKnown: number | undefined;
let written = 0;
const pending: { change: ChangeToLog; resolve: (seq: number) => void; reject: (error: Error) => void }[] = [];
let draining = false;
const MAX_ATTEMPTS = 50;
/** Changes written in one insert at most; under load a batch holds what queued during the last. */
const MAX_BATCH = 200;

/** The highest seq written so far (0 when the log is empty). */
export async function latestSeq(): Promise<number> {
  const newest = await ChangeLogEntryModel.findOne().sort({ _id: -1 }).lean();
  return newest?.seq ?? 0;
}

/** Who may receive a change, and when it happened. */
interface ChangeAudienceAt {
  regionPath: string[];
  departmentIds: string[];
  at: Date;
}

/** What a change is about and who may receive it: an event, an inspection task, or a plan's tasks. */
export type ChangeToLog = ChangeAudienceAt &
  (
    | { kind?: "event"; type: LiveChangeType; event: LiveEventView }
    | { kind: "inspection_task"; type: InspectionTaskLiveChange["type"]; task: InspectionTaskView }
    | { kind: "inspection_plan"; type: "materialised"; planId: string }
  );

/**
 * Writes `changes` under consecutive seqs from the next free one, in one insert; returns their
 * seqs in order. When another instance took one of those seqs, the entries of ours that landed
 * before it (found by their writer tag) keep theirs and the rest try again after the newest.
 */
async function insertBatch(take: () => ChangeToLog[]): Promise<number[]> {
  let seqs: number[] = [];
  let left: { index: number; doc: ChangeToLog & { writer: string } }[] | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && (!left || left.length); attempt++) {
    lastKnown ??= await latestSeq();
    let docs: ({ _id: string; seq: number } & ChangeToLog & { writer: string })[] = [];
    try {
      await gatedWrite(() => {
        // The first attempt takes its changes when the write's turn comes (see writeGate), so
        // that what queued while it waited goes with it.
        if (!left) {
          left = take().map((change, index) => ({ index, doc: { ...change, writer: `${INSTANCE_ID}:${++written}` } }));
          seqs = new Array(left.length);
        }
        const first = (lastKnown ?? 0) + 1;
        docs = left.map((entry, offset) => ({ _id: changeLogKey(first + offset), seq: first + offset, ...entry.doc }));
        return ChangeLogEntryModel.insertMany(docs, { ordered: true, lean: true });
      });
      for (const [offset, entry] of (left ?? []).entries()) seqs[entry.index] = (docs[offset] as { seq: number }).seq;
      lastKnown = docs[docs.length - 1]?.seq ?? lastKnown;
      left = [];
    } catch (error) {
      if (!isDuplicateKey(error) || !left) throw error;
      const landed = await ChangeLogEntryModel.find(
        { writer: trusted({ $in: docs.map((doc) => doc.writer) }) },
        { writer: 1, seq: 1 },
      ).lean();
      const seqOf = new Map(landed.map((entry) => [entry.writer, entry.seq]));
      for (const entry of left) {
        const seq = seqOf.get(entry.doc.writer);
        if (seq !== undefined) seqs[entry.index] = seq;
      }
      left = left.filter((entry) => !seqOf.has(entry.doc.writer));
      lastKnown = undefined;
    }
  }
  if (left?.length) throw new Error(`no free change seq after ${MAX_ATTEMPTS} attempts`);
  return seqs;
}

async function drain(): Promise<void> {
  draining = true;
  while (pending.length) {
    let batch: typeof pending = [];
    try {
      const seqs = await insertBatch(() => {
        batch = pending.splice(0, MAX_BATCH);
        return batch.map((item) => item.change);
      });
      for (const [index, item] of batch.entries()) item.resolve(seqs[index] as number);
    } catch (error) {
      // Failed before its turn came (the newest seq could not be read): these changes fail.
      if (!batch.length) batch = pending.splice(0, MAX_BATCH);
      for (const item of batch) item.reject(error as Error);
    }
  }
  draining = false;
}

/**
 * Writes the change with the next seq and returns it. Changes queue in this process and are
 * written in batches, one insert at a time, so live messages leave in seq order and a busy
 * instance makes one write for many changes.
 */
export function appendChange(change: ChangeToLog): Promise<number> {
  return new Promise((resolve, reject) => {
    pending.push({ change, resolve, reject });
    if (!draining) void drain();
  });
}

/** Whether an entry is an event's change (entries written before tasks were logged have no kind). */
export const isEventEntry = (entry: Pick<ChangeLogEntryDoc, "kind">) => !entry.kind || entry.kind === "event";

/** An event entry as a live message. */
export function changeOf(entry: Pick<ChangeLogEntryDoc, "seq" | "type" | "event">): EventChange {
  return { seq: entry.seq, type: entry.type as LiveChangeType, event: entry.event as LiveEventView };
}

/** An inspection task entry as a live message. */
export function taskChangeOf(entry: Pick<ChangeLogEntryDoc, "seq" | "type" | "task">): InspectionTaskLiveChange {
  return {
    seq: entry.seq,
    type: entry.type as InspectionTaskLiveChange["type"],
    task: entry.task as InspectionTaskView,
  };
}

/** Entries looked up one by one (by `_id`, in parallel rounds) before the rest is read as a range. */
const LOOKUP_ROUND = 8;
const LOOKUP_ROUNDS = 4;

/**
 * Entries after `since`, oldest first, at most `limit + 1` (so the caller can tell "more"), or
 * "too old" when entries after `since` were pruned (or `since` lies beyond the log).
 *
 * Every follower asks this every few seconds and is usually at most a few entries behind, so the
 * entries are looked up by `_id` (since + 1, since + 2, …), each an index lookup on every backend;
 * a range read of the log, which FerretDB's SQLite backend answers by scanning and sorting all of
 * it (0.7–1 s at 5,000 entries), is made only for what lies beyond LOOKUP_ROUND × LOOKUP_ROUNDS.
 * The log holds every seq from its oldest to its newest (seqs are claimed in order, pruning takes
 * the oldest), so the first missing seq ends what there is.
 */
export async function entriesSince(
  since: number,
  limit: number,
): Promise<{ entries: ChangeLogEntryDoc[] } | { tooOld: true; latest: number }> {
  const entries: ChangeLogEntryDoc[] = [];
  let complete = false;
  for (let round = 0; round < LOOKUP_ROUNDS && !complete && entries.length <= limit; round++) {
    const first = since + 1 + round * LOOKUP_ROUND;
    const count = Math.min(LOOKUP_ROUND, limit + 1 - entries.length);
    const found = await Promise.all(
      Array.from({ length: count }, (_, offset) =>
        ChangeLogEntryModel.findById(changeLogKey(first + offset)).lean<ChangeLogEntryDoc>(),
      ),
    );
    const missing = found.findIndex((entry) => !entry);
    entries.push(...((missing < 0 ? found : found.slice(0, missing)) as ChangeLogEntryDoc[]));
    complete = missing >= 0;
  }
  if (!complete && entries.length <= limit) {
    const after = entries.at(-1)?.seq ?? since;
    const rest = await ChangeLogEntryModel.find({ _id: trusted({ $gt: changeLogKey(after) }) })
      .sort({ _id: 1 })
      .limit(limit + 1 - entries.length)
      .lean<ChangeLogEntryDoc[]>();
    entries.push(...rest);
  }
  if (entries.length > 0) return { entries };
  // Nothing at since + 1: up to date when `since` is the newest entry (or the log is empty and
  // `since` is 0); otherwise the entries after it were pruned or `since` lies beyond the log.
  if (since > 0 && (await ChangeLogEntryModel.findById(changeLogKey(since)).lean())) return { entries: [] };
  const latest = await latestSeq();
  return since === 0 && latest === 0 ? { entries: [] } : { tooOld: true, latest };
}

/**
 * Deletes the entries up to the newest one older than `olderThan`, always keeping the newest entry
 * so that seq never restarts. By seq, not by each entry's time (instances' clocks differ a little):
 * what stays is every seq from the oldest kept to the newest (see entriesSince).
 */
export async function pruneChangeLog(olderThan: Date): Promise<number> {
  const newest = await latestSeq();
  const old = await ChangeLogEntryModel.find({ at: trusted({ $lt: olderThan }) }, { seq: 1 }).lean();
  const upTo = Math.min(
    old.reduce((highest, entry) => Math.max(highest, entry.seq ?? 0), 0),
    newest - 1,
  );
  if (upTo < 1) return 0;
  const result = await ChangeLogEntryModel.deleteMany({ _id: trusted({ $lte: changeLogKey(upTo) }) });
  return result.deletedCount;
}

/** Forgets the cached seq (tests that drop the database). */
export function resetChangeLog(): void {
  lastKnown = undefined;
}
