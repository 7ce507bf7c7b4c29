import { pruneExpiredSignIns } from "@gridrisk/server/jobs/expiredSignInPruning";
import { LoginThrottleModel } from "@gridrisk/server/models/loginThrottle";
import { SessionModel } from "@gridrisk/server/models/session";
import { expect } from "chai";
import { Types } from "mongoose";
import { useTestDatabase } from "../helpers/testDatabase";

describe("pruning expired sign-ins", () => {
  useTestDatabase();

  it("deletes sessions a day past expiry and finished throttle windows, and keeps the rest", async () => {
    const now = new Date("2026-11-25T08:00:00Z");
    const hours = (n: number) => new Date(now.getTime() + n * 3600_000);
    const session = (id: string, expiresAt: Date) => ({
      _id: id,
      userId: new Types.ObjectId(),
      secretHmac: "x",
      expiresAt,
    });
    await SessionModel.insertMany([
      session("old", hours(-30)),
      session("recent", hours(-2)),
      session("live", hours(5)),
    ]);
    await LoginThrottleModel.insertMany([
      { _id: "ip:a:1", failures: 3, windowEndsAt: hours(-1) },
      { _id: "ip:a:2", failures: 1, windowEndsAt: hours(1) },
    ]);
    expect(await pruneExpiredSignIns(now)).to.deep.equal({ sessions: 1, throttles: 1 });
    expect((await SessionModel.find({}).lean()).map((doc) => doc._id).sort()).to.deep.equal(["live", "recent"]);
    expect((await LoginThrottleModel.find({}).lean()).map((doc) => doc._id)).to.deep.equal(["ip:a:2"]);
  });
});
