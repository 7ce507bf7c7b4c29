import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { connectDatabase, disconnectDatabase } from "@gridrisk/server/database/connection";
import { ensureIndexes } from "@gridrisk/server/database/ensureIndexes";
import { EventModel } from "@gridrisk/server/models/event";
import { expect } from "chai";
import { findFreePort, launchDatabase, type RunningDatabase } from "../../scripts/db/databaseLauncher";
import { createAccount, signInAs } from "../helpers/accounts";
import { request } from "../helpers/http";
import { spawnTs, waitUntil } from "../helpers/processes";
import { type ReportOutcome, reportLoad } from "../helpers/reportLoad";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { TEST_TOKEN_SECRET } from "../helpers/testServer";

/** Status of GET /readyz, or 0 when the server does not answer at all. */
const readyStatus = (url: string) =>
  request(`${url}/readyz`).then(
    (res) => res.status,
    () => 0,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long the database stays dead; OUTAGE_MS makes it longer for a soak. */
const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 6000);

describe("database killed and restarted under a load of retried reports (real server process)", function () {
  this.timeout(120_000);
  let dataDir = "";
  let dbPort = 0;
  let database: RunningDatabase | undefined;
  let server: ChildProcess | undefined;
  let serverExit: string | undefined;
  let url = "";
  const launch = () => launchDatabase({ backend: "sqlite", dataDir, port: dbPort, databaseName: "outage_load" });

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-outage-load-"));
    dbPort = await findFreePort();
    database = await launch();
    await connectDatabase(database.uri);
    await ensureIndexes();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await disconnectDatabase();
    const port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    server = spawnTs("server/src/main.ts", {
      NODE_ENV: "test",
      MONGODB_URI: database.uri,
      PORT: String(port),
      TOKEN_SECRET: TEST_TOKEN_SECRET,
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
    });
    server.once("exit", (code, signal) => {
      serverExit = `code ${code}, signal ${signal}`;
    });
    await waitUntil(async () => (await readyStatus(url)) === 200, 20_000, "server readiness");
  });

  after(async () => {
    server?.kill("SIGKILL");
    await disconnectDatabase().catch(() => undefined);
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps every acknowledged report exactly once, answers 503 on /readyz while down and 200 after, and never crashes", async () => {
    const token = await signInAs(url, "worker");
    let outageOver = false;
    let sentAfterOutage = 0;
    const deadline = Date.now() + 90_000;
    const load = reportLoad({
      baseUrl: url,
      token,
      clients: 6,
      deadline,
      // Keep the load on until 30 more reports have started after the database came back.
      stop: () => outageOver && ++sentAfterOutage > 30,
      point: (index) => [119.001 + (index % 90) * 0.001, 33.501 + Math.floor(index / 90) * 0.001],
    });

    await sleep(1500);
    const ferretdbPid = database?.ferretdbPid;
    expect(ferretdbPid, "FerretDB's pid").to.be.a("number");
    const killedAt = Date.now();
    process.kill(ferretdbPid as number, "SIGKILL");
    await database?.stop();
    const downAfter = await waitUntil(async () => (await readyStatus(url)) === 503, 5000, "503 from /readyz");
    const readyDuringOutage: number[] = [];
    while (Date.now() - killedAt < OUTAGE_MS) {
      readyDuringOutage.push(await readyStatus(url));
      await sleep(250);
    }
    const restartedAt = Date.now();
    database = await launch();
    const readyAfter = await waitUntil(async () => (await readyStatus(url)) === 200, 15_000, "200 from /readyz");
    outageOver = true;
    const outcomes: ReportOutcome[] = await load;
    const allDoneAfter = Date.now() - restartedAt;

    expect(serverExit, "the server process exited").to.equal(undefined);
    expect(readyDuringOutage.every((status) => status === 503)).to.equal(true, `readyz: ${readyDuringOutage}`);

    const acknowledged = outcomes.filter((outcome) => outcome.eventId);
    const retried = outcomes.filter((outcome) => outcome.attempts > 1);
    const unacknowledged = outcomes.filter((outcome) => !outcome.eventId);
    expect(unacknowledged.map((outcome) => `${outcome.title}: ${outcome.failures}`)).to.deep.equal([]);
    expect(retried.length, "reports that met the outage").to.be.greaterThan(0);

    await connectDatabase(database.uri);
    const stored = await EventModel.find({}, { title: 1 }).lean();
    const byTitle = new Map<string, string[]>();
    for (const doc of stored) byTitle.set(doc.title, [...(byTitle.get(doc.title) ?? []), doc._id.toHexString()]);
    const duplicates = [...byTitle].filter(([, ids]) => ids.length > 1);
    expect(duplicates, "reports stored more than once").to.deep.equal([]);
    for (const outcome of acknowledged) {
      expect(byTitle.get(outcome.title), outcome.title).to.deep.equal([outcome.eventId]);
    }
    expect(stored.length).to.equal(acknowledged.length);

    const failures = outcomes.flatMap((outcome) => outcome.failures);
    process.stderr.write(
      `      (${outcomes.length} reports, ${acknowledged.length} acknowledged, ${stored.length} stored, ` +
        `${retried.length} retried, failed attempts by status ${JSON.stringify(countBy(failures))}; ` +
        `readyz 503 after ${downAfter} ms, 200 ${readyAfter} ms after the restart began; ` +
        `all acknowledged ${allDoneAfter} ms after it)\n`,
    );
  });
});

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
