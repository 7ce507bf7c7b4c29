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
import { portAnswers } from "../helpers/redisProcess";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { TEST_TOKEN_SECRET } from "../helpers/testServer";

const REDIS_URL = "redis://127.0.0.1:6379";

describe("live updates across two server processes through Redis", function () {
  this.timeout(90_000);
  const databaseUri = useTestDatabase();
  const servers: ChildProcess[] = [];
  const urls: string[] = [];
  let dataDir = "";
  let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;

  before(async function () {
    if (!(await portAnswers(6379))) this.skip();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "city", role: "city_monitor", scope: [ids.city] });
    dataDir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-redis-"));
    for (let i = 0; i < 2; i++) {
      const port = await findFreePort();
      urls.push(`http://127.0.0.1:${port}`);
      servers.push(
        spawnTs("server/src/main.ts", {
          NODE_ENV: "test",
          MONGODB_URI: databaseUri(),
          REDIS_URL,
          PORT: String(port),
          TOKEN_SECRET: TEST_TOKEN_SECRET,
          DATA_DIR: dataDir,
          LOG_LEVEL: "error",
        }),
      );
    }
    for (const url of urls) {
      await waitUntil(
        async () => (await request(`${url}/readyz`).catch(() => ({ status: 0 }))).status === 200,
        20_000,
        `${url} ready`,
      );
    }
  });

  after(async () => {
    socket?.close();
    for (const server of servers) server.kill("SIGKILL");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("delivers a change made through process A to a client of process B, in seq order", async () => {
    const [urlA = "", urlB = ""] = urls;
    const cityToken = await signInAs(urlB, "city");
    const workerToken = await signInAs(urlA, "worker");
    const received: EventChange[] = [];
    socket = io(urlB, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: cityToken } });
    socket.on("events:changed", (change) => received.push(change));
    await new Promise<void>((resolve, reject) => {
      socket?.once("connect", () => resolve());
      socket?.once("connect_error", reject);
    });

    // Each instance's adapter starts reading the stream at its end once connected; until B's has,
    // A's broadcasts pass it by (clients then fill the gap with sync). Wait for that first.
    await waitUntil(
      async () => {
        await report(urlA, workerToken, buildReport(119.021, 33.521, { title: "预热" }));
        await new Promise((resolve) => setTimeout(resolve, 300));
        return received.length > 0;
      },
      20_000,
      "B's adapter reading the stream",
    );
    received.length = 0;

    const throughA = (await report(urlA, workerToken, buildReport(119.02, 33.52))).body.event;
    const throughB = (await report(urlB, workerToken, buildReport(119.03, 33.53))).body.event;
    const ours = () => received.filter((change) => [throughA.id, throughB.id].includes(change.event.id));
    await waitUntil(() => ours().length === 2, 20_000, "both changes at the client of B");
    expect(ours().map((change) => change.event.id)).to.have.members([throughA.id, throughB.id]);
    const seqs = ours()
      .map((change) => change.seq)
      .sort((a, b) => a - b);
    // One log across both processes: the two changes have distinct sequence numbers.
    expect(seqs[1]).to.be.greaterThan(seqs[0] ?? Number.POSITIVE_INFINITY);
  });
});
