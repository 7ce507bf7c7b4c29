import { ChangeLogEntryModel, changeLogKey } from "@gridrisk/server/models/changeLogEntry";
import { entriesSince, pruneChangeLog } from "@gridrisk/server/realtime/changeLog";
import { upgradeChangeLogIds } from "@gridrisk/server/realtime/changeLogUpgrade";
import { expect } from "chai";
import { useTestDatabase } from "../helpers/testDatabase";

const entry = (seq: number, at = new Date()) => ({
  _id: changeLogKey(seq),
  seq,
  type: "changed",
  kind: "event",
  event: { id: `e${seq}` },
  regionPath: ["r"],
  departmentIds: [],
  at,
  writer: `test:${seq}`,
});
const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** The seqs `entriesSince` answers with, or "too old" and the newest seq. */
async function since(seq: number, limit = 100) {
  const found = await entriesSince(seq, limit);
  return "tooOld" in found ? { tooOld: found.latest } : found.entries.map((e) => e.seq);
}

describe("reading the change log after a seq (catch-up and sync)", () => {
  useTestDatabase();
  beforeEach(() => ChangeLogEntryModel.deleteMany({}));

  it("answers an empty log and a client at 0 with nothing; a seq beyond the log is too old", async () => {
    expect(await since(0)).to.deep.equal([]);
    expect(await since(4)).to.deep.equal({ tooOld: 0 });
  });

  it("answers the entries after a seq, none for the newest, and too old beyond it", async () => {
    await ChangeLogEntryModel.collection.insertMany([1, 2, 3, 4, 5].map((seq) => entry(seq)) as never[]);
    expect(await since(0)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(await since(2)).to.deep.equal([3, 4, 5]);
    expect(await since(5)).to.deep.equal([]);
    expect(await since(9)).to.deep.equal({ tooOld: 5 });
    expect(await since(0, 2), "limit + 1, so that the caller sees there is more").to.deep.equal([1, 2, 3]);
  });

  it("says too old when entries after the seq were pruned, not when only the seq itself was", async () => {
    await ChangeLogEntryModel.collection.insertMany([4, 5, 6].map((seq) => entry(seq)) as never[]);
    expect(await since(3)).to.deep.equal([4, 5, 6]);
    expect(await since(2)).to.deep.equal({ tooOld: 6 });
    expect(await since(0)).to.deep.equal({ tooOld: 6 });
  });

  it("reads far behind: what the lookups by _id do not reach comes from one range read", async () => {
    await ChangeLogEntryModel.collection.insertMany(seqs(1, 120).map((seq) => entry(seq)) as never[]);
    expect(await since(0, 200)).to.deep.equal(seqs(1, 120));
    expect(await since(10, 50)).to.deep.equal(seqs(11, 61));
    expect(await since(100, 200)).to.deep.equal(seqs(101, 120));
    expect(await since(119, 200)).to.deep.equal([120]);
  });

  it("prunes by seq up to the newest old entry, so that what stays has no gap, and keeps the newest", async () => {
    const old = new Date(Date.now() - 48 * 3600_000);
    const recent = new Date();
    // An instance whose clock ran ahead wrote seq 2 "later" than seq 3.
    const ats = [old, recent, old, recent, recent];
    await ChangeLogEntryModel.collection.insertMany(ats.map((at, index) => entry(index + 1, at)) as never[]);
    expect(await pruneChangeLog(new Date(Date.now() - 24 * 3600_000))).to.equal(3);
    expect(await since(3)).to.deep.equal([4, 5]);
    expect(await since(1)).to.deep.equal({ tooOld: 5 });
    await ChangeLogEntryModel.collection.updateMany({}, { $set: { at: old } });
    expect(await pruneChangeLog(new Date(Date.now() - 24 * 3600_000)), "all old: the newest stays").to.equal(1);
    expect(await since(5)).to.deep.equal([]);
    expect(await since(4)).to.deep.equal([5]);
    expect(await since(3)).to.deep.equal({ tooOld: 5 });
  });

  it("rewrites entries stored with the seq itself as _id, once, keeping their seqs and contents", async () => {
    const legacy = (seq: number) => {
      const { seq: _seq, ...rest } = entry(seq);
      return { ...rest, _id: seq };
    };
    await ChangeLogEntryModel.collection.insertMany([7, 8, 9].map(legacy) as never[]);
    expect(await upgradeChangeLogIds()).to.equal(3);
    expect(await since(6)).to.deep.equal([7, 8, 9]);
    const stored = await ChangeLogEntryModel.collection.find({}).sort({ _id: 1 }).toArray();
    expect(stored.map((doc) => [doc._id, doc.seq, doc.writer])).to.deep.equal([
      [changeLogKey(7), 7, "test:7"],
      [changeLogKey(8), 8, "test:8"],
      [changeLogKey(9), 9, "test:9"],
    ]);
    expect(await upgradeChangeLogIds(), "nothing left to rewrite").to.equal(0);
  });
});
