import { pruneExpiredRecords } from "@gridrisk/server/jobs/housekeeping";
import { EventVersionClaimModel } from "@gridrisk/server/models/eventVersionClaim";
import { IdempotencyKeyModel } from "@gridrisk/server/models/idempotencyKey";
import { expect } from "chai";
import { Types } from "mongoose";
import { useTestDatabase } from "../helpers/testDatabase";

describe("housekeeping of idempotency keys and version claims", () => {
  useTestDatabase();

  it("deletes keys older than a week and claims older than a day, and keeps the rest", async () => {
    const now = new Date("2026-11-25T08:00:00Z");
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const userId = new Types.ObjectId();
    const key = (id: string, createdAt: Date) => ({
      _id: id,
      userId,
      key: id,
      requestHash: "h",
      resourceId: new Types.ObjectId().toHexString(),
      createdAt,
    });
    await IdempotencyKeyModel.insertMany([key("old", daysAgo(8)), key("recent", daysAgo(6))]);
    const claim = (id: string, claimedAt: Date) => ({
      _id: id,
      eventId: new Types.ObjectId(),
      action: "claim",
      claimedAt,
    });
    await EventVersionClaimModel.insertMany([claim("e:1", daysAgo(2)), claim("e:2", daysAgo(0.5))]);
    expect(await pruneExpiredRecords(now)).to.deep.equal({ idempotencyKeys: 1, versionClaims: 1 });
    expect((await IdempotencyKeyModel.find({}).lean()).map((doc) => doc._id)).to.deep.equal(["recent"]);
    expect((await EventVersionClaimModel.find({}).lean()).map((doc) => doc._id)).to.deep.equal(["e:2"]);
  });
});
