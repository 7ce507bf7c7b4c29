import { claimedInsertBatcher, insertBatcher } from "@gridrisk/server/database/insertBatcher";
import { EventModel } from "@gridrisk/server/models/event";
import { EventVersionClaimModel } from "@gridrisk/server/models/eventVersionClaim";
import { IdempotencyKeyModel } from "@gridrisk/server/models/idempotencyKey";
import { expect } from "chai";
import mongoose, { type Model } from "mongoose";
import { act, buildReport, report } from "../helpers/eventHelpers";
import { useTestDatabase } from "../helpers/testDatabase";
import { useTownshipDesk } from "../helpers/townshipDesk";

/**
 * Reports and actions write rows they build themselves, without a mongoose document (see
 * insertBuiltRow). What they store must be exactly what the model would have stored: valid, and
 * unchanged when built into a document of the model.
 */
async function expectStoredAsTheModelWould(model: Model<any>, raw: Record<string, unknown>) {
  const document = new model(raw);
  await document.validate(); // throws when invalid
  const { _id, ...asModel } = document.toObject({ depopulate: true });
  const { _id: rawId, ...stored } = raw;
  expect(String(_id)).to.equal(String(rawId));
  expect(stored, `${model.modelName} row as stored`).to.deep.equal(asModel);
}

describe("rows built for the hot paths, and inserts grouped into one command", () => {
  useTestDatabase();
  const desk = useTownshipDesk();

  it("stores a report's event, its Idempotency-Key and an action's version claim as the models would", async () => {
    const created = await report(
      desk.url,
      desk.worker,
      buildReport(119.02, 33.52, { severity: "major" }),
      "row-check-1",
    );
    expect(created.status).to.equal(201);
    const id = new mongoose.Types.ObjectId(created.body.event.id as string);
    const claimed = await act(desk.url, desk.officer, id.toHexString(), { action: "claim", expectedVersion: 1 });
    expect(claimed.status).to.equal(200);

    const db = mongoose.connection.db;
    if (!db) throw new Error("not connected");
    const event = await db.collection("events").findOne({ _id: id });
    const key = await db.collection("idempotency_keys").findOne({ resourceId: id.toHexString() });
    const claim = await db.collection("event_version_claims").findOne({ eventId: id });
    expect(event && key && claim, "all three rows stored").to.be.ok;
    await expectStoredAsTheModelWould(EventModel, event as Record<string, unknown>);
    await expectStoredAsTheModelWould(IdempotencyKeyModel, key as Record<string, unknown>);
    await expectStoredAsTheModelWould(EventVersionClaimModel, claim as Record<string, unknown>);
    expect(event?.createdAt).to.be.instanceOf(Date);
    expect(event?.tasks).to.deep.equal([]);
  });

  it("groups concurrent inserts; a duplicate fails alone with code 11000 and the rest land", async () => {
    const db = mongoose.connection.db;
    if (!db) throw new Error("not connected");
    const collection = db.collection<{ _id: string; n: number }>("batcher_check");
    await collection.insertOne({ _id: "taken", n: -1 });
    const commands: number[] = [];
    const counted = {
      insertMany: (docs: { _id: string; n: number }[], options: object) => {
        commands.push(docs.length);
        return collection.insertMany(docs, options);
      },
    };
    const batcher = insertBatcher(() => counted as never);
    const ids = Array.from({ length: 30 }, (_, n) => (n === 7 || n === 20 ? "taken" : `doc-${n}`));
    const outcomes = await Promise.allSettled(ids.map((_id, n) => batcher.insert({ _id, n })));

    const refused = outcomes.flatMap((outcome, n) => (outcome.status === "rejected" ? [n] : []));
    expect(refused).to.deep.equal([7, 20]);
    for (const n of refused) {
      expect(((outcomes[n] as PromiseRejectedResult).reason as { code: number }).code).to.equal(11000);
    }
    expect(await collection.countDocuments({ _id: { $regex: /^doc-/ } } as never)).to.equal(28);
    expect((await collection.findOne({ _id: "taken" }))?.n, "the stored document is untouched").to.equal(-1);
    // The first goes at once, the other 29 wait for it and go together.
    expect(commands).to.deep.equal([1, 29]);
  });

  it("inserts claim and record pairs together: a taken claim stores nothing of its pair", async () => {
    const db = mongoose.connection.db;
    if (!db) throw new Error("not connected");
    const claims = db.collection<{ _id: string }>("pair_claims");
    const records = db.collection<{ _id: string; n: number }>("pair_records");
    await claims.insertOne({ _id: "key-3" });
    const batcher = claimedInsertBatcher(
      () => claims as never,
      () => records as never,
    );
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, n) => batcher.insert({ _id: `key-${n}` }, { _id: `record-${n}`, n })),
    );
    expect(outcomes.map((outcome, n) => (outcome === "claimed" ? n : -1)).filter((n) => n >= 0)).to.deep.equal([3]);
    const stored = (await records.find({}).toArray()).map((record) => record.n).sort((a, b) => a - b);
    expect(stored).to.deep.equal([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
    // A record refused by its own unique index fails alone, after its claim went in.
    await records.insertOne({ _id: "record-taken", n: -1 });
    const refused = batcher.insert({ _id: "key-new" }, { _id: "record-taken", n: 99 });
    const fine = batcher.insert({ _id: "key-other" }, { _id: "record-other", n: 100 });
    expect(((await refused.catch((error) => error)) as { code: number }).code).to.equal(11000);
    expect(await fine).to.equal("inserted");
    expect(await claims.countDocuments({ _id: "key-new" })).to.equal(1);
    expect((await records.findOne({ _id: "record-taken" }))?.n).to.equal(-1);
  });

  it("files a report whose code was taken meanwhile under a fresh code, once, as created", async () => {
    const first = await report(desk.url, desk.worker, buildReport(119.021, 33.521, { title: "编号占用前" }));
    expect(first.status).to.equal(201);
    // The codes that come next in this instance's block are taken by someone else meanwhile.
    const [, year, number] = /^HA-(\d{4})-(\d{6})$/.exec(first.body.event.code as string) ?? [];
    const taken = Array.from({ length: 5 }, (_, n) => `HA-${year}-${String(Number(number) + 1 + n).padStart(6, "0")}`);
    await EventModel.collection.insertMany(taken.map((code) => ({ _id: new mongoose.Types.ObjectId(), code })));
    const second = await report(
      desk.url,
      desk.worker,
      buildReport(119.022, 33.522, { title: "编号占用后" }),
      "code-taken-1",
    );
    expect(second.status).to.equal(201);
    expect(second.headers.get("idempotent-replayed")).to.equal(null);
    expect(taken).not.to.include(second.body.event.code);
    expect(await EventModel.countDocuments({ title: "编号占用后" })).to.equal(1);
    const keys = await IdempotencyKeyModel.find({ key: "code-taken-1" }).lean();
    expect(keys.map((row) => row.resourceId)).to.deep.equal([second.body.event.id]);
    await EventModel.collection.deleteMany({ code: { $in: taken } } as never);
  });
});
