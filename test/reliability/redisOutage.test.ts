import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ClientToServerEvents, EventChange, ServerToClientEvents } from "@gridrisk/shared";
import { expect } from "chai";
import { io, type Socket } from "socket.io-client";
import { findFreePort } from "../../scripts/db/databaseLauncher";
import { createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { spawnTs, waitUntil } from "../helpers/processes";
import { killRedis, redisServerAvailable, startRedis } from "../helpers/redisProcess";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { TEST_TOKEN_SECRET } from "../helpers/testServer";

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe("Redis killed under two server processes (REDIS_URL set)", function () {
  this.timeout(90_000);
  const databaseUri = useTestDatabase();
  const servers: ChildProcess[] = [];
  const exits: string[] = [];
  const urls: string[] = [];
  const sockets: LiveSocket[] = [];
  const received: EventChange[][] = [[], []];
  let redis: ChildProcess | undefined;
  let redisPort = 0;
  let dataDir = "";
  let workerToken = "";
  let counter = 0;

  /** Reports through instance `via`; resolves with the new event's id. */
  const reportVia = async (via: number): Promise<string> => {
    counter += 1;
    const res = await report(urls[via] ?? "", workerToken, buildReport(119.001 + counter * 0.001, 33.52));
    expect(res.status, res.text).to.equal(201);
    return res.body.event.id;
  };
  const seenBy = (client: number, eventId: string) =>
    (received[client] ?? []).some((change) => change.event.id === eventId);

  before(async function () {
    if (!redisServerAvailable()) {
      process.stderr.write("      (skipped: no redis-server on the PATH; install Redis to run this check)\n");
      this.skip();
    }
    redisPort = await findFreePort();
    redis = await startRedis(redisPort);
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "city", role: "city_monitor", scope: [ids.city] });
    dataDir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-redis-outage-"));
    for (let i = 0; i < 2; i++) {
      const port = await findFreePort();
      urls.push(`http://127.0.0.1:${port}`);
      const server = spawnTs("server/src/main.ts", {
        NODE_ENV: "test",
        MONGODB_URI: databaseUri(),
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        PORT: String(port),
        TOKEN_SECRET: TEST_TOKEN_SECRET,
        DATA_DIR: dataDir,
        LOG_LEVEL: "error",
      });
      server.once("exit", (code, signal) => exits.push(`server ${i}: code ${code}, signal ${signal}`));
      servers.push(server);
    }
    for (const url of urls) {
      await waitUntil(
        async () => (await request(`${url}/readyz`).catch(() => ({ status: 0 }))).status === 200,
        20_000,
        `${url} ready`,
      );
    }
    workerToken = await signInAs(urls[0] ?? "", "worker");
    for (const [index, url] of urls.entries()) {
      const token = await signInAs(url, "city");
      const socket: LiveSocket = io(url, { transports: ["websocket"], forceNew: true, auth: { token } });
      socket.on("events:changed", (change) => received[index]?.push(change));
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      sockets.push(socket);
    }
    // Until B's adapter reads the stream, A's broadcasts pass it by: wait for that first.
    await waitUntil(
      async () => {
        const id = await reportVia(0);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return seenBy(1, id);
      },
      20_000,
      "cross-instance delivery before the outage",
    );
  });

  after(async () => {
    for (const socket of sockets) socket.close();
    for (const server of servers) server.kill("SIGKILL");
    if (redis) await killRedis(redis);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps serving each instance's own clients while Redis is dead and delivers across instances again once it returns", async () => {
    if (!redis) throw new Error("no redis");
    await killRedis(redis);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Each instance still takes reports and tells its own clients, without waiting for Redis.
    const started = Date.now();
    const throughA = await reportVia(0);
    const throughB = await reportVia(1);
    const reportMs = Date.now() - started;
    await waitUntil(() => seenBy(0, throughA), 5000, "A's client told of A's report during the outage");
    await waitUntil(() => seenBy(1, throughB), 5000, "B's client told of B's report during the outage");
    for (const url of urls) expect((await request(`${url}/readyz`)).status).to.equal(200);

    const restarted = Date.now();
    redis = await startRedis(redisPort);
    let lastCrossed = "";
    const recoveredAfter = await waitUntil(
      async () => {
        lastCrossed = await reportVia(0);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return seenBy(1, lastCrossed);
      },
      30_000,
      "cross-instance delivery after Redis returned",
    );
    // And the other way round (each instance's Redis clients reconnect on their own back-off).
    await waitUntil(
      async () => {
        const fromB = await reportVia(1);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return seenBy(0, fromB);
      },
      30_000,
      "B's report at A's client after the outage",
    );
    expect(exits, "server processes that exited").to.deep.equal([]);
    process.stderr.write(
      `      (two reports during the outage took ${reportMs} ms; cross-instance delivery back ` +
        `${recoveredAfter} ms after Redis restarted, ${Date.now() - restarted} ms in all)\n`,
    );
  });
});
