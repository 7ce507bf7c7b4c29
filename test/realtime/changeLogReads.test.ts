import { ChangeLogEntryModel } from "@gridrisk/server/models/changeLogEntry";
import { entriesSince } from "@gridrisk/server/realtime/changeLog";
import { expect } from "chai";
import { useTestDatabase } from "../helpers/testDatabase";

const entry = (seq: number) => ({
  _id: seq,
  type: "changed",
  kind: "event",
  event: { id: `e${seq}` },
  regionPath: ["r"],
  departmentIds: [],
  at: new Date(),
  writer: `test:${seq}`,
});

/** The seqs `entriesSince` answers with, or "too old" and the newest seq. */
async function since(seq: number, limit = 100) {
  const found = await entriesSince(seq, limit);
  return "tooOld" in found ? { tooOld: found.latest } : found.entries.map((e) => e._id);
}

describe("reading the change log after a seq (catch-up and sync)", () => {
  useTestDatabase();
  beforeEach(() => ChangeLogEntryModel.deleteMany({}));

  it("answers an empty log and a client at 0 with nothing; a seq beyond the log is too old", async () => {
    expect(await since(0)).to.deep.equal([]);
    expect(await since(4)).to.deep.equal({ tooOld: 0 });
  });

  it("answers the entries after a seq, none for the newest, and too old beyond it", async () => {
    await ChangeLogEntryModel.collection.insertMany([1, 2, 3, 4, 5].map(entry) as never[]);
    expect(await since(0)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(await since(2)).to.deep.equal([3, 4, 5]);
    expect(await since(5)).to.deep.equal([]);
    expect(await since(9)).to.deep.equal({ tooOld: 5 });
    expect(await since(0, 2), "limit + 1, so that the caller sees there is more").to.deep.equal([1, 2, 3]);
  });

  it("says too old when entries after the seq were pruned, not when only the seq itself was", async () => {
    await ChangeLogEntryModel.collection.insertMany([4, 5, 6].map(entry) as never[]);
    expect(await since(3)).to.deep.equal([4, 5, 6]);
    expect(await since(2)).to.deep.equal({ tooOld: 6 });
    expect(await since(0)).to.deep.equal({ tooOld: 6 });
  });
});
