import { PresenceEntryModel } from "@gridrisk/server/models/presenceEntry";
import { prunePresence, trackPresence } from "@gridrisk/server/realtime/presenceTracker";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { io, type Socket } from "socket.io-client";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { request } from "../helpers/http";
import { waitUntil } from "../helpers/processes";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token } });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

describe("presence: who is online, for the duty desk", () => {
  useTestDatabase();
  let server: RunningServer;
  const t: Record<string, string> = {};
  const users: Record<string, string> = {};
  const open: Socket[] = [];
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  let department: string;

  const presence = (who: string, query: string) =>
    request(`${server.url}/api/presence?${query}`, { headers: bearer(t[who] ?? "") });
  const userIdsIn = async (who: string, query: string) => {
    const res = await presence(who, query);
    expect(res.status, res.text).to.equal(200);
    return (res.body as { items: { userId: string }[] }).items.map((item) => item.userId);
  };
  const live = async (who: string) => {
    const socket = await connect(server.url, t[who] ?? "");
    open.push(socket);
    return socket;
  };

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    department = await ensureDepartment(ids.district);
    users.officer = await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    users.officer2 = await createAccount({ username: "officer2", role: "township_officer", scope: [ids.township2] });
    users.worker = await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    users.city = await createAccount({ username: "city", role: "city_monitor", scope: [ids.city] });
    users.handler = await createAccount({ username: "handler", role: "department_handler", scope: [ids.district] });
    for (const who of Object.keys(users)) t[who] = await signInAs(server.url, who);
  });
  afterEach(async () => {
    for (const socket of open.splice(0)) socket.close();
    await waitUntil(async () => (await PresenceEntryModel.countDocuments({})) === 0, 5000, "presence cleared");
  });
  after(() => server.close());

  it("walks the ladder: 401, 400 with the message, 403 for a role, 404 outside the territory", async () => {
    expect((await request(`${server.url}/api/presence?township=${ids.township}`)).status).to.equal(401);
    const bad = await presence("officer", "");
    expect(bad.status, bad.text).to.equal(400);
    expect(bad.text).to.include("give either township or department");
    expect((await presence("worker", `township=${ids.township}`)).status).to.equal(403);
    expect((await presence("officer2", `township=${ids.township}`)).status).to.equal(404);
    expect((await presence("officer", `township=${ids.grid}`)).status).to.equal(404);
    expect((await presence("officer", `department=${department}`)).status).to.equal(404);
  });

  it("shows a connected officer in its township until it disconnects; the worker below counts too", async () => {
    const socket = await live("officer");
    await live("officer");
    await live("worker");
    await waitUntil(async () => (await userIdsIn("city", `township=${ids.township}`)).length === 2, 5000, "online");
    expect(await userIdsIn("officer", `township=${ids.township}`)).to.have.members([users.officer, users.worker]);
    expect(await userIdsIn("officer2", `township=${ids.township2}`)).to.deep.equal([]);
    const item = (await presence("city", `township=${ids.township}`)).body.items.find(
      (entry: { userId: string }) => entry.userId === users.officer,
    );
    expect(item).to.have.keys(["userId", "name", "role", "since", "lastSeen"]);
    expect(item).to.include({ name: "Test officer", role: "township_officer" });

    socket.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One of the officer's two sockets is still open.
    expect(await userIdsIn("city", `township=${ids.township}`)).to.include(users.officer);
    for (const other of open.splice(0)) other.close();
    await waitUntil(async () => (await userIdsIn("city", `township=${ids.township}`)).length === 0, 5000, "gone");
  });

  it("shows a department's handlers to themselves and to the levels above", async () => {
    await live("handler");
    await waitUntil(async () => (await userIdsIn("handler", `department=${department}`)).length === 1, 5000, "online");
    expect(await userIdsIn("city", `department=${department}`)).to.deep.equal([users.handler]);
  });

  it("refreshes lastSeen of its own sockets on the heartbeat", async () => {
    // A second tracker on the same server with a fast heartbeat writes the same `_id`s.
    const stop = trackPresence(server.io, 100);
    try {
      const socket = await live("officer");
      await waitUntil(async () => (await PresenceEntryModel.exists({ _id: socket.id ?? "" })) !== null, 5000, "entry");
      const first = (await PresenceEntryModel.findOne({ _id: socket.id ?? "" }).lean())?.lastSeen.getTime() ?? 0;
      await waitUntil(
        async () =>
          ((await PresenceEntryModel.findOne({ _id: socket.id ?? "" }).lean())?.lastSeen.getTime() ?? 0) > first,
        5000,
        "lastSeen refreshed",
      );
    } finally {
      stop();
    }
  });

  it("ignores entries not confirmed for 90 s (a crashed instance) and prunes them", async () => {
    const old = new Date(Date.now() - 120_000);
    await PresenceEntryModel.create({
      _id: "crashed-socket",
      userId: users.officer2,
      name: "Test officer2",
      role: "township_officer",
      townshipIds: [ids.township2],
      instanceId: "gone",
      connectedAt: old,
      lastSeen: old,
    });
    expect(await userIdsIn("officer2", `township=${ids.township2}`)).to.deep.equal([]);
    expect(await prunePresence(new Date(Date.now() - 90_000))).to.equal(1);
    expect(await PresenceEntryModel.countDocuments({})).to.equal(0);
  });
});
