import { randomUUID } from "node:crypto";
import { claimIdempotencyKey, requestHashOf } from "@gridrisk/server/commands/idempotencyKeys";
import { EventModel } from "@gridrisk/server/models/event";
import { IdempotencyKeyModel } from "@gridrisk/server/models/idempotencyKey";
import type { RunningServer } from "@gridrisk/server/server";
import { eventReportSchema } from "@gridrisk/shared";
import { expect } from "chai";
import { Types } from "mongoose";
import { createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/** A key claimed by a request that then died, as a crash would leave it. */
async function abandonedKey(userId: string, key: string, body: unknown, resourceId: string) {
  await claimIdempotencyKey(userId, key, requestHashOf(eventReportSchema.parse(body)), resourceId);
}

describe("idempotent reports under retry storms and crashed attempts", function () {
  this.timeout(60_000);
  useTestDatabase();
  let server: RunningServer;
  let worker = "";
  let workerId = "";

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    workerId = await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    worker = await signInAs(server.url, "worker");
  });
  after(() => server.close());

  it("files one event for a storm of 100 concurrent retries with one key", async () => {
    const key = randomUUID();
    const body = buildReport(119.022, 33.522, { title: "百次并发重试" });
    const results = await Promise.all(Array.from({ length: 100 }, () => report(server.url, worker, body, key)));
    // Every retry is answered with the one event: a retry that arrives while the first attempt is
    // still running files under the same planned id, and the unique _id lets one insert land.
    expect(results.map((res) => res.status)).to.deep.equal(Array(100).fill(201));
    const ids = new Set(results.map((res) => res.body.event.id));
    expect(ids.size).to.equal(1);
    expect(await EventModel.countDocuments({ title: "百次并发重试" })).to.equal(1);
    const again = await report(server.url, worker, body, key);
    expect(again.status).to.equal(201);
    expect(again.body.event.id).to.equal([...ids][0]);
  });

  it("takes over a key whose first attempt died before filing, and files the event under the planned id", async () => {
    const key = randomUUID();
    const body = buildReport(119.023, 33.523, { title: "首次请求中断" });
    const planned = new Types.ObjectId().toHexString();
    await abandonedKey(workerId, key, body, planned);
    const res = await report(server.url, worker, body, key);
    expect(res.status, res.text).to.equal(201);
    expect(res.body.event.id).to.equal(planned);
    expect(await EventModel.countDocuments({ title: "首次请求中断" })).to.equal(1);
    expect((await IdempotencyKeyModel.findById(`${workerId}:${key}`).lean())?.resourceId).to.equal(planned);
  });

  it("answers with the event a dead attempt filed instead of filing it twice", async () => {
    const key = randomUUID();
    const body = buildReport(119.024, 33.524, { title: "已入库但未确认" });
    const first = await report(server.url, worker, body);
    expect(first.status).to.equal(201);
    // As if that request had died after filing and before recording its response under `key`.
    await abandonedKey(workerId, key, body, first.body.event.id);
    const results = await Promise.all(Array.from({ length: 10 }, () => report(server.url, worker, body, key)));
    expect(results.map((res) => res.status)).to.deep.equal(Array(10).fill(201));
    expect(new Set(results.map((res) => res.body.event.id))).to.deep.equal(new Set([first.body.event.id]));
    expect(await EventModel.countDocuments({ title: "已入库但未确认" })).to.equal(1);
  });
});
