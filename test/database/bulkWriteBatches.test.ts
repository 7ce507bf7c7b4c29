import { BULK_WRITE_STATEMENTS, bulkWriteInBatches } from "@gridrisk/server/database/bulkWriteBatches";
import { expect } from "chai";
import mongoose from "mongoose";
import { launchDatabase, type RunningDatabase } from "../../scripts/db/databaseLauncher";

/**
 * Runs on a FerretDB of its own: a regression here would leave the database waiting forever, and
 * the shared test database must not be the one left waiting.
 */
describe("bulk writes in batches (FerretDB keeps each statement's query open until the command ends)", function () {
  this.timeout(60_000);
  let database: RunningDatabase;
  let connection: mongoose.Connection;
  let Entry: mongoose.Model<any>;

  before(async () => {
    database = await launchDatabase({ backend: "sqlite", databaseName: "bulk" });
    connection = await mongoose.createConnection(database.uri).asPromise();
    Entry = connection.model("Entry", new mongoose.Schema({ _id: String, n: Number }), "entries");
    await Entry.insertMany(Array.from({ length: 300 }, (_, n) => ({ _id: `s${n}`, n })));
  });
  after(async () => {
    await connection?.close();
    await database?.stop();
  });

  const updates = (count: number, value: number) =>
    Array.from({ length: count }, (_, n) => ({
      updateOne: { filter: { _id: `s${n}` }, update: { $set: { n: value } }, upsert: true },
    }));

  it("updates 300 existing documents in commands of at most BULK_WRITE_STATEMENTS", async () => {
    const sizes: number[] = [];
    const original = Entry.bulkWrite.bind(Entry);
    Entry.bulkWrite = ((operations: unknown[], options: never) => {
      sizes.push(operations.length);
      return original(operations as never, options);
    }) as typeof Entry.bulkWrite;
    try {
      await bulkWriteInBatches(Entry, updates(300, -1), { ordered: false });
    } finally {
      Entry.bulkWrite = original as typeof Entry.bulkWrite;
    }
    expect(Math.max(...sizes)).to.be.at.most(BULK_WRITE_STATEMENTS);
    expect(sizes.reduce((sum, size) => sum + size, 0)).to.equal(300);
    expect(await Entry.countDocuments({ n: -1 })).to.equal(300);
  });

  it("is needed: FerretDB v1.24.2 never answers one command of 101 such updates", async () => {
    const outcome = await Promise.race([
      Entry.bulkWrite(updates(101, -2), { ordered: false }).then(() => "answered"),
      new Promise((resolve) => setTimeout(() => resolve("no answer after 5 s"), 5000)),
    ]);
    // If a later FerretDB answers, this fails, and the batches may be reconsidered.
    expect(outcome).to.equal("no answer after 5 s");
  });
});
