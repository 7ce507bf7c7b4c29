import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { findFreePort, launchDatabase, type RunningDatabase } from "../../scripts/db/databaseLauncher";
import { request } from "../helpers/http";
import { spawnTs, waitUntil } from "../helpers/processes";
import { TEST_TOKEN_SECRET } from "../helpers/testServer";

/** Status of GET /readyz, or 0 when the server does not answer at all. */
async function readyStatus(url: string): Promise<number> {
  return request(`${url}/readyz`).then(
    (res) => res.status,
    () => 0,
  );
}

describe("readiness through a database outage (real server process)", function () {
  this.timeout(90_000);
  let dataDir = "";
  let dbPort = 0;
  let database: RunningDatabase | undefined;
  let server: ChildProcess | undefined;
  let url = "";

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-outage-"));
    dbPort = await findFreePort();
    database = await launchDatabase({ backend: "sqlite", dataDir, port: dbPort, databaseName: "outage" });
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
    await waitUntil(async () => (await readyStatus(url)) === 200, 20_000, "server readiness");
  });

  after(async () => {
    server?.kill("SIGKILL");
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers 503 within 5 s of the database dying, stays up, and is ready again within 10 s of its return", async () => {
    await database?.stop();
    const downAfter = await waitUntil(async () => (await readyStatus(url)) === 503, 5000, "503 from /readyz");
    expect(downAfter).to.be.below(5000);

    const body = (await request(`${url}/readyz`)).body;
    expect(body.error).to.include({ code: "service_unavailable" });
    expect(body.error.details).to.deep.equal({ checks: { database: "down" } });
    expect((await request(`${url}/healthz`)).status).to.equal(200);
    expect(server?.exitCode).to.equal(null);

    // Measured from the moment the database starts to come back (an upper bound on the delay).
    const returning = Date.now();
    database = await launchDatabase({ backend: "sqlite", dataDir, port: dbPort, databaseName: "outage" });
    const databaseUp = Date.now() - returning;
    await waitUntil(async () => (await readyStatus(url)) === 200, 10_000, "200 from /readyz");
    const upAfter = Date.now() - returning;
    expect(upAfter).to.be.below(10_000);
    process.stderr.write(
      `      (503 after ${downAfter} ms; database answering after ${databaseUp} ms; server ready after ${upAfter} ms)\n`,
    );
  });
});
