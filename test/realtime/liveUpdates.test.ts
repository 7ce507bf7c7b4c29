import { pruneChangeLog } from "@gridrisk/server/realtime/changeLog";
import { guardAgainstSlowClients } from "@gridrisk/server/realtime/slowClientGuard";
import type { RunningServer } from "@gridrisk/server/server";
import type { ClientToServerEvents, EventChange, ServerToClientEvents, SyncAck } from "@gridrisk/shared";
import { expect } from "chai";
import { io, type Socket } from "socket.io-client";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { postJson } from "../helpers/http";
import { waitUntil } from "../helpers/processes";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A live connection that records every `events:changed` it receives. */
interface LiveClient {
  socket: LiveSocket;
  received: EventChange[];
}

function openSocket(url: string, options: { token?: string; cookie?: string } = {}): LiveSocket {
  return io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(options.token ? { auth: { token: options.token } } : {}),
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
  });
}

/** Connects and resolves once connected; rejects with the connect_error. */
function connectLive(url: string, options: { token?: string; cookie?: string } = {}): Promise<LiveClient> {
  const socket = openSocket(url, options);
  const received: EventChange[] = [];
  socket.on("events:changed", (change) => received.push(change));
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve({ socket, received }));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

function sync(client: LiveClient, since: number): Promise<SyncAck> {
  return client.socket.timeout(10_000).emitWithAck("sync", { since });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("live updates over Socket.IO", () => {
  useTestDatabase();
  let server: RunningServer;
  const t: Record<string, string> = {};
  const open: LiveClient[] = [];
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;

  async function live(who: string): Promise<LiveClient> {
    const client = await connectLive(server.url, { token: t[who] ?? "" });
    open.push(client);
    return client;
  }

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "worker2", role: "grid_worker", scope: [ids.grid2] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "officer2", role: "township_officer", scope: [ids.township2] });
    await createAccount({ username: "city", role: "city_monitor", scope: [ids.city] });
    for (const who of ["worker", "worker2", "officer", "officer2", "city"]) t[who] = await signInAs(server.url, who);
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.socket.close();
  });
  after(() => server.close());

  it("refuses a connection without a valid token with connect_error 'unauthenticated'", async () => {
    for (const token of [undefined, "nonsense", `${"a".repeat(22)}.${"b".repeat(43)}`]) {
      const error = await connectLive(server.url, token ? { token } : {}).then(
        () => undefined,
        (failure: Error) => failure,
      );
      expect(error?.message, `token ${token}`).to.equal("unauthenticated");
    }
  });

  it("accepts the session cookie as well as the handshake token", async () => {
    const client = await connectLive(server.url, { cookie: `gridrisk_session=${t.officer}` });
    open.push(client);
    expect(client.socket.connected).to.equal(true);
  });

  it("sends a new event to its township's officer and the city, never to another township's officer", async () => {
    const [officer, officer2, city] = [await live("officer"), await live("officer2"), await live("city")];
    const own = (await report(server.url, t.worker ?? "", buildReport(119.02, 33.52))).body.event;
    const other = (await report(server.url, t.worker2 ?? "", buildReport(119.15, 33.6))).body.event;
    await waitUntil(() => city.received.length === 2, 5000, "both events at the city");
    await waitUntil(() => officer.received.length === 1 && officer2.received.length === 1, 5000, "one event each");
    await pause(200);
    expect(officer.received.map((change) => change.event.id)).to.deep.equal([own.id]);
    expect(officer2.received.map((change) => change.event.id)).to.deep.equal([other.id]);
    const [first, second] = city.received;
    expect(first).to.deep.include({ type: "created" });
    expect(first?.event).to.include({ id: own.id, code: own.code, status: "reported", version: 1 });
    expect(first?.event.regionPath).to.deep.equal(own.regionPath);
    expect(second?.seq).to.equal((first?.seq ?? 0) + 1);
  });

  it("gives a client that was away during 100 changes all of them through sync, in order, none twice", async function () {
    this.timeout(120_000);
    const before = await live("officer");
    const start = await sync(before, 0);
    if (!("changes" in start)) throw new Error("expected changes");
    const since = start.seq;
    before.socket.close();

    const reported: string[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await report(server.url, t.worker ?? "", buildReport(119.01 + (i % 30) * 0.001, 33.51));
      expect(res.status, res.text).to.equal(201);
      reported.push(res.body.event.id);
    }

    const after = await live("officer");
    const answer = await sync(after, since);
    if (!("changes" in answer)) throw new Error(`expected changes, got ${JSON.stringify(answer)}`);
    expect(answer.changes.map((change) => change.event.id)).to.deep.equal(reported);
    expect(answer.changes.map((change) => change.seq)).to.deep.equal(
      Array.from({ length: 100 }, (_, i) => since + 1 + i),
    );
    expect(answer.seq).to.equal(since + 100);

    // The other township's officer may ask too, and gets none of them.
    const elsewhere = await sync(await live("officer2"), since);
    expect(elsewhere).to.deep.equal({ changes: [], inspections: [], seq: since + 100 });
  });

  it("answers resync when the asked-for changes were pruned, or the seq is unknown", async () => {
    const client = await live("city");
    await pruneChangeLog(new Date(Date.now() + 60_000));
    const answer = await sync(client, 0);
    expect(answer).to.have.property("resync", true);
    const latest = (answer as { seq: number }).seq;
    expect(latest).to.be.above(100);
    expect(await sync(client, latest)).to.deep.equal({ changes: [], inspections: [], seq: latest });
    expect(await sync(client, latest + 5)).to.deep.equal({ resync: true, seq: latest });
    expect(await sync(client, -1 as number)).to.deep.equal({ resync: true, seq: latest });
  });

  it("cuts the sockets of a session when it signs out", async () => {
    const token = await signInAs(server.url, "officer");
    const client = await connectLive(server.url, { token });
    open.push(client);
    const other = await live("officer");
    const res = await postJson(`${server.url}/api/auth/logout`, {}, bearer(token));
    expect(res.status, res.text).to.be.oneOf([200, 204]);
    await waitUntil(() => !client.socket.connected, 3000, "disconnect after sign-out");
    expect(other.socket.connected).to.equal(true);
    const again = await connectLive(server.url, { token }).then(
      () => "connected",
      (error: Error) => error.message,
    );
    expect(again).to.equal("unauthenticated");
  });

  it("cuts off a client that stopped reading while the others keep receiving", async function () {
    this.timeout(30_000);
    const [stalled, reader] = [await live("city"), await live("city")];
    // Stop reading at the TCP level, as a phone that lost its network without closing would.
    const engine = stalled.socket.io.engine as unknown as {
      transport: { ws: { _socket: { pause(): void; destroy(): void } } };
    };
    engine.transport.ws._socket.pause();
    const stopGuard = guardAgainstSlowClients(server.io, 50);
    const big = { seq: 0, type: "transitioned" as const, event: { id: "x".repeat(64 * 1024) } as EventChange["event"] };
    try {
      for (let i = 0; i < 400 && stalled.socket.connected; i++) {
        server.io.to(`region:${ids.city}`).emit("events:changed", { ...big, seq: i });
        await pause(5);
      }
      const serverSide = () => [...server.io.of("/").sockets.values()].map((socket) => socket.id);
      await waitUntil(() => !serverSide().includes(stalled.socket.id ?? ""), 10_000, "stalled client cut off");
      await waitUntil(() => reader.received.length === 400, 10_000, "the reader got everything");
      expect(serverSide()).to.include(reader.socket.id);
    } finally {
      stopGuard();
      // Otherwise the server's close handshake waits 30 s for this client to read again.
      engine.transport.ws._socket.destroy();
    }
  });
});
