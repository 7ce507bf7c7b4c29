import { sweepOverdue } from "@gridrisk/server/jobs/overdueSweep";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { act, buildReport, readEvent, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

describe("event queries, counts and the overdue sweep", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const t: Record<string, string> = {};
  const list = async (who: string, query: string) =>
    request(`${server.url}/api/events?${query}`, { headers: bearer(t[who] ?? "") });

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "worker2", role: "grid_worker", scope: [ids.grid2] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    await createAccount({ username: "officer2", role: "township_officer", scope: [ids.township2] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    for (const who of ["worker", "worker2", "officer", "officer2", "district"])
      t[who] = await signInAs(server.url, who);
    await report(
      server.url,
      t.worker ?? "",
      buildReport(119.02, 33.52, { title: "资金异常 A", category: "abnormal_funds", severity: "serious" }),
    );
    await report(
      server.url,
      t.worker ?? "",
      buildReport(119.03, 33.65, { title: "消防隐患 B", category: "safety_hazard" }),
    );
    await report(
      server.url,
      t.worker2 ?? "",
      buildReport(119.15, 33.6, { title: "退费纠纷 C", category: "refund_dispute" }),
    );
  });
  after(() => server.close());

  it("lists only the caller's territory", async () => {
    const titles = async (who: string) =>
      (await list(who, "")).body.items.map((item: { title: string }) => item.title).sort();
    expect(await titles("officer")).to.deep.equal(["消防隐患 B", "资金异常 A"]);
    expect(await titles("officer2")).to.deep.equal(["退费纠纷 C"]);
    expect(await titles("district")).to.have.length(3);
  });

  it("filters by status, severity, category, region, text and bounding box", async () => {
    const count = async (query: string) => (await list("district", query)).body.items.length;
    expect(await count("status=reported")).to.equal(3);
    expect(await count("status=closed,dismissed")).to.equal(0);
    expect(await count("severity=serious")).to.equal(1);
    expect(await count("category=safety_hazard,refund_dispute")).to.equal(2);
    expect(await count(`region=${ids.township2}`)).to.equal(1);
    expect(await count(`q=${encodeURIComponent("纠纷")}`)).to.equal(1);
    expect(await count("bbox=119.0,33.5,119.1,33.6")).to.equal(1);
    expect(await count(`q=${encodeURIComponent(".*")}`)).to.equal(0);
  });

  it("pages with a cursor, newest first", async () => {
    const first = await list("district", "limit=2");
    expect(first.body.items).to.have.length(2);
    const second = await list("district", `limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).to.have.length(1);
    expect(second.body.nextCursor).to.equal(undefined);
    const all = [...first.body.items, ...second.body.items].map((item: { createdAt: string }) => item.createdAt);
    expect(all).to.deep.equal([...all].sort().reverse());
  });

  it("lists only the caller's own reports with mine=true", async () => {
    const mine = (await list("worker2", "mine=true")).body.items.map((item: { title: string }) => item.title);
    expect(mine).to.deep.equal(["退费纠纷 C"]);
    expect((await list("officer", "mine=true")).body.items).to.have.length(0);
  });

  it("refuses operators and wrong types in filters with 400", async () => {
    for (const query of [
      "status[$ne]=closed",
      "status=open",
      "region=abc",
      "bbox=1,2,3",
      "overdue=yes",
      "limit=0",
      "cursor=xyz",
      "sort=title",
    ]) {
      const res = await list("district", query);
      expect(res.status, query).to.equal(400);
      expect(res.body.error.code).to.equal("validation_failed");
    }
  });

  it("counts by status for the caller's territory", async () => {
    const res = await request(`${server.url}/api/events/counts`, { headers: bearer(t.officer ?? "") });
    expect(res.body).to.deep.equal({ byStatus: { reported: 2 }, total: 2 });
  });

  it("marks an overdue assessment, lets the district take over, and urges overdue handling", async () => {
    const { event } = (
      await report(server.url, t.worker ?? "", buildReport(119.021, 33.521, { severity: "very_serious" }))
    ).body;
    const clock = new Date(Date.parse(event.deadlines.assessment) + 1000);
    const districtEarly = await act(server.url, t.district ?? "", event.id, { action: "claim", expectedVersion: 1 });
    expect(districtEarly.status).to.equal(403);
    const swept = await sweepOverdue(clock);
    expect(swept.marked).to.be.at.least(1);
    const late = await readEvent(server.url, t.district ?? "", event.id);
    expect(late.overdueStages).to.deep.equal(["assessment"]);
    expect(late.timeline.at(-1)).to.include({ action: "overdue", actorRole: "system" });
    expect((await list("district", "overdue=true")).body.items.map((item: { id: string }) => item.id)).to.include(
      event.id,
    );
    expect((await sweepOverdue(clock)).marked).to.equal(0);
    const takenOver = await act(server.url, t.district ?? "", event.id, {
      action: "claim",
      expectedVersion: late.version,
    });
    expect(takenOver.status, takenOver.text).to.equal(200);
    expect(takenOver.body.event).to.include({ status: "assessing", owningLevel: "district" });
  });
});
