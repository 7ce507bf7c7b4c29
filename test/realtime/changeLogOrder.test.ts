import { ChangeLogEntryModel } from "@gridrisk/server/models/changeLogEntry";
import { expect } from "chai";
import { firstLine, spawnTs } from "../helpers/processes";
import { useTestDatabase } from "../helpers/testDatabase";

describe("the change log across instances", () => {
  const uri = useTestDatabase();

  it("gives the changes of three processes writing at once distinct seqs with no gap", async function () {
    this.timeout(60_000);
    const perProcess = 120;
    const startAt = String(Date.now() + 4000);
    const children = [1, 2, 3].map(() =>
      spawnTs("test/fixtures/appendChanges.ts", { MONGODB_URI: uri(), CHANGES: String(perProcess), START_AT: startAt }),
    );
    const outputs = await Promise.all(children.map((child) => firstLine(child, 50_000)));
    const seqsOf = outputs.map((line) => JSON.parse(line) as number[]);
    for (const seqs of seqsOf) {
      expect(seqs).to.have.length(perProcess);
      // Within one process, later appends get later seqs.
      expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
    }
    const all = seqsOf.flat().sort((a, b) => a - b);
    expect(all).to.deep.equal(Array.from({ length: 3 * perProcess }, (_, index) => index + 1));
    const stored = await ChangeLogEntryModel.find({}, { _id: 1, event: 1 }).lean();
    expect(stored).to.have.length(3 * perProcess);
    expect(new Set(stored.map((entry) => (entry.event as { id: string }).id)).size).to.equal(3 * perProcess);
  });
});
