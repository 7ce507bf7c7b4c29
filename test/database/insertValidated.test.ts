import { INSERT_CHUNK, insertValidated, insertValidatedRows } from "@gridrisk/server/database/bulkInsert";
import { expect } from "chai";
import mongoose, { Schema } from "mongoose";
import { useTestDatabase } from "../helpers/testDatabase";

const readingSchema = new Schema(
  { n: { type: Number, required: true, min: 0 }, unit: { type: String, default: "m" } },
  { collection: "insert_validated_readings", versionKey: false, timestamps: true },
);
const Reading = mongoose.model("InsertValidatedReading", readingSchema);

describe("inserting many documents through the model layer, a chunk at a time", () => {
  useTestDatabase();
  beforeEach(() => Reading.deleteMany({}));

  it("stores every document cast, with defaults and timestamps", async () => {
    const count = INSERT_CHUNK * 2 + 200;
    const docs = Array.from({ length: count }, (_, n) => ({ n: String(n) }));
    expect(await insertValidated(Reading, docs)).to.equal(count);
    const stored = await Reading.find({}).sort({ n: 1 }).lean();
    expect(stored.map((doc) => doc.n)).to.deep.equal(Array.from({ length: count }, (_, n) => n));
    expect(stored.every((doc) => doc.unit === "m" && doc.createdAt instanceof Date)).to.equal(true);
  });

  it("stops at an invalid document: the chunks before its own are stored, nothing from its chunk on", async () => {
    const invalid = INSERT_CHUNK + INSERT_CHUNK / 2 + 1;
    const docs = Array.from({ length: INSERT_CHUNK * 2 + 200 }, (_, n) => ({ n: n === invalid ? -1 : n }));
    let error: unknown;
    try {
      await insertValidated(Reading, docs);
    } catch (caught) {
      error = caught;
    }
    expect((error as Error)?.name).to.equal("ValidationError");
    expect((error as Error).message).to.match(/n/);
    const stored = await Reading.find({}).lean();
    const before = Math.floor(invalid / INSERT_CHUNK) * INSERT_CHUNK;
    expect(before, "the invalid document is not in the first chunk").to.be.greaterThan(0);
    expect(stored.length).to.equal(before);
    expect(Math.max(...stored.map((doc) => doc.n))).to.equal(before - 1);
  });

  it("unordered, skips documents someone else inserted first and still inserts the rest", async () => {
    const count = INSERT_CHUNK * 2 + 300;
    const ids = Array.from({ length: count }, () => new mongoose.Types.ObjectId());
    const taken = [5, INSERT_CHUNK * 2 + 7];
    await Reading.collection.insertMany(taken.map((index) => ({ _id: ids[index], n: -5, unit: "ft" })));
    const docs = ids.map((_id, n) => ({ _id, n }));
    const { inserted, rows } = await insertValidatedRows(Reading, docs, { ordered: false });
    expect(inserted).to.equal(count - taken.length);
    expect(rows.length, "every row built is given back").to.equal(count);
    expect(await Reading.countDocuments({})).to.equal(count);
    const takenIds = taken.map((index) => ids[index] as mongoose.Types.ObjectId);
    const kept = await Reading.collection.find({ _id: { $in: takenIds } }).toArray();
    expect(kept.map((doc) => [doc.n, doc.unit])).to.deep.equal([
      [-5, "ft"],
      [-5, "ft"],
    ]);
  });

  it("ordered (the default), stops at a document someone else inserted first", async () => {
    const ids = Array.from({ length: INSERT_CHUNK * 3 }, () => new mongoose.Types.ObjectId());
    const takenAt = INSERT_CHUNK + 10;
    await Reading.collection.insertOne({ _id: ids[takenAt], n: -5, unit: "ft" });
    let error: unknown;
    try {
      await insertValidated(
        Reading,
        ids.map((_id, n) => ({ _id, n })),
      );
    } catch (caught) {
      error = caught;
    }
    expect((error as { code?: number })?.code).to.equal(11000);
    expect(await Reading.collection.countDocuments({ n: { $gte: 0, $lt: takenAt } }), "all before it").to.equal(
      takenAt,
    );
    // Within the refused document's own command, FerretDB v1 may still insert some that follow it
    // (MongoDB does not); no later command is sent.
    expect(
      await Reading.collection.countDocuments({ n: { $gte: INSERT_CHUNK * 2 } }),
      "none of the next chunk",
    ).to.equal(0);
  });
});
