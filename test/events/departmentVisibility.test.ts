import type { RunningServer } from "@gridrisk/server/server";
import type { EventChange } from "@gridrisk/shared";
import { expect } from "chai";
import { io } from "socket.io-client";
import { bearer, createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { act, buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { waitUntil } from "../helpers/processes";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("department handlers see their departments' events, not their whole district", () => {
  useTestDatabase();
  let server: RunningServer;
  const t: Record<string, string> = {};
  let education = "";

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    education = await ensureDepartment(ids.district, "education");
    const market = await ensureDepartment(ids.district, "market");
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({
      username: "edu",
      role: "department_handler",
      scope: [ids.district],
      departmentId: education,
    });
    await createAccount({
      username: "market",
      role: "department_handler",
      scope: [ids.district],
      departmentId: market,
    });
    for (const who of ["worker", "officer", "edu", "market"]) t[who] = await signInAs(server.url, who);
  });
  after(() => server.close());

  it("hides an event until the department gets a task on it, in REST and live", async () => {
    const received: Record<string, EventChange[]> = { edu: [], market: [] };
    const sockets = ["edu", "market"].map((who) => {
      const socket = io(server.url, { transports: ["websocket"], forceNew: true, auth: { token: t[who] } });
      socket.on("events:changed", (change) => received[who]?.push(change));
      return socket;
    });
    try {
      await waitUntil(() => sockets.every((socket) => socket.connected), 5000, "sockets connected");
      const { event } = (await report(server.url, t.worker ?? "", buildReport(119.02, 33.52))).body;
      const read = (who: string) => request(`${server.url}/api/events/${event.id}`, { headers: bearer(t[who] ?? "") });
      expect((await read("edu")).status).to.equal(404);
      expect((await request(`${server.url}/api/events`, { headers: bearer(t.edu ?? "") })).body.items).to.have.length(
        0,
      );
      await act(server.url, t.officer ?? "", event.id, { action: "claim", expectedVersion: 1 });
      await act(server.url, t.officer ?? "", event.id, {
        action: "assess",
        expectedVersion: 2,
        severity: "general",
        decision: "dispatch",
        tasks: [{ departmentId: education, role: "lead" }],
      });
      expect((await read("edu")).status).to.equal(200);
      expect((await read("market")).status).to.equal(404);
      await waitUntil(
        () => (received.edu ?? []).some((change) => change.event.status === "dispatched"),
        5000,
        "live change",
      );
      expect((received.edu ?? []).map((change) => change.event.status)).to.deep.equal(["dispatched"]);
      expect(received.market).to.have.length(0);
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});
