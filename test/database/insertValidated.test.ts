import { INSERT_CHUNK, insertValidated } from "@gridrisk/server/database/bulkInsert";
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
});
