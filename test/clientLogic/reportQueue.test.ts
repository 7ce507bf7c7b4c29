import "fake-indexeddb/auto";
import { EventModel } from "@gridrisk/server/models/event";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import {
  flushQueue,
  listQueued,
  newIdempotencyKey,
  putQueued,
  type QueuedReport,
  removeQueued,
  sendReport,
} from "../../client/src/report/reportQueue";
import { noisyJpeg } from "../attachments/photoFixtures";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { buildReport } from "../helpers/eventHelpers";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/** A port nothing listens on: requests to it fail as they do without network. */
const NOWHERE = "http://127.0.0.1:1";

/**
 * The phone's offline queue (client/src/report/reportQueue.ts) in Node: IndexedDB in memory, the
 * browser's relative fetches sent to the real server (or to a closed port, for "no network").
 */
describe("offline report queue", function () {
  this.timeout(30_000);
  useTestDatabase();
  let server: RunningServer;
  let token = "";
  let base = "";
  const online = { onLine: true };
  const realFetch = globalThis.fetch;

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    token = await signInAs(server.url, "worker");
    base = server.url;
    Object.defineProperty(globalThis, "navigator", { value: online, configurable: true });
    globalThis.fetch = (input, init) =>
      realFetch(`${base}${String(input)}`, { ...init, headers: { ...init?.headers, ...bearer(token) } });
  });
  after(async () => {
    globalThis.fetch = realFetch;
    await server.close();
  });
  beforeEach(async () => {
    online.onLine = true;
    base = server.url;
    for (const report of await listQueued()) await removeQueued(report.key);
  });

  function queued(title: string, photos: Blob[] = [], at: [number, number] = [119.02, 33.52]): QueuedReport {
    return {
      key: newIdempotencyKey(),
      body: { ...buildReport(at[0], at[1], { title }), source: "grid_report" },
      photos,
      attachmentIds: [],
      createdAt: new Date().toISOString(),
      state: "waiting",
    };
  }
  const stateOf = async (key: string) => (await listQueued()).find((report) => report.key === key);

  it("sends a waiting report with its photo, once, and keeps its event code", async () => {
    const photo = new Blob([new Uint8Array(await noisyJpeg(200, 150))], { type: "image/jpeg" });
    const report = queued("排队上报一", [photo]);
    await putQueued(report);
    await flushQueue();
    const after = await stateOf(report.key);
    expect(after?.state).to.equal("sent");
    expect(after?.photos).to.deep.equal([]);
    const stored = await EventModel.find({ title: "排队上报一" }).lean();
    expect(stored).to.have.length(1);
    expect(after?.code).to.equal(stored[0]?.code);
    expect(stored[0]?.attachments ?? []).to.have.length(1);
  });

  it("leaves reports waiting while the phone is offline or the server cannot be reached", async () => {
    const report = queued("排队上报二");
    await putQueued(report);
    online.onLine = false;
    await flushQueue();
    expect((await stateOf(report.key))?.state).to.equal("waiting");
    online.onLine = true;
    base = NOWHERE;
    await flushQueue();
    expect((await stateOf(report.key))?.state).to.equal("waiting");
    expect(await EventModel.countDocuments({ title: "排队上报二" })).to.equal(0);
    base = server.url;
    await flushQueue();
    expect((await stateOf(report.key))?.state).to.equal("sent");
    expect(await EventModel.countDocuments({ title: "排队上报二" })).to.equal(1);
  });

  it("does not duplicate a report whose first send arrived but whose page was closed before it knew", async () => {
    const report = queued("排队上报三");
    const firstCode = await sendReport({ ...report });
    // The page reloaded mid-send: the queue still says "sending"; the retry reuses the key.
    await putQueued({ ...report, state: "sending" });
    await flushQueue();
    const after = await stateOf(report.key);
    expect(after?.state).to.equal("sent");
    expect(after?.code).to.equal(firstCode);
    expect(await EventModel.countDocuments({ title: "排队上报三" })).to.equal(1);
  });

  it("marks a report the server refuses as failed, with the reason, and does not send it again", async () => {
    const report = queued("排队上报四", [], [121.5, 31.2]);
    await putQueued(report);
    await flushQueue();
    const after = await stateOf(report.key);
    expect(after?.state).to.equal("failed");
    expect(after?.error).to.be.a("string").and.not.equal("");
    await flushQueue();
    expect((await stateOf(report.key))?.state).to.equal("failed");
    expect(await EventModel.countDocuments({ title: "排队上报四" })).to.equal(0);
  });

  it("sends each report once when flushes overlap (page load and the network returning together)", async () => {
    const reports = [queued("排队上报五"), queued("排队上报六")];
    for (const report of reports) await putQueued(report);
    await Promise.all([flushQueue(), flushQueue(), flushQueue()]);
    for (const report of reports) {
      expect((await stateOf(report.key))?.state).to.equal("sent");
      expect(await EventModel.countDocuments({ title: report.body.title })).to.equal(1);
    }
  });
});
