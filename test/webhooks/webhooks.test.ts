import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningServer } from "@gridrisk/server/server";
import { deliverDueWebhooks, pruneWebhookDeliveries } from "@gridrisk/server/webhooks/webhookQueue";
import { retryDelayMs, verifyWebhookSignature } from "@gridrisk/server/webhooks/webhookSignature";
import { WEBHOOK_LIMITS } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { act, buildReport, report } from "../helpers/eventHelpers";
import { postJson, request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver: /down always answers 500; other paths the statuses queued (then 200). */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      res.statusCode = req.url === "/down" ? 500 : (statuses.shift() ?? 200);
      res.end("ok");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, statuses, close: () => server.close() };
}

describe("webhooks", () => {
  useTestDatabase();
  let server: RunningServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const t: Record<string, string> = {};
  const deliveriesOf = async (id: string) =>
    (await request(`${server.url}/api/webhooks/${id}/deliveries`, { headers: bearer(t.admin ?? "") })).body.items;
  const waitForDeliveries = async (id: string, count: number) => {
    for (let i = 0; i < 50; i++) {
      const items = await deliveriesOf(id);
      if (items.length >= count) return items;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`fewer than ${count} deliveries queued`);
  };

  before(async () => {
    server = await startTestServer({ jobs: false });
    receiver = await startReceiver();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    for (const who of ["admin", "district", "worker", "officer"]) t[who] = await signInAs(server.url, who);
  });
  after(async () => {
    receiver.close();
    await server.close();
  });

  it("doubles the retry delay up to the cap", () => {
    expect([1, 2, 3, 10].map((n) => retryDelayMs(n, 30_000, 3_600_000))).to.deep.equal([
      30_000, 60_000, 120_000, 3_600_000,
    ]);
  });

  it("walks the ladder: 401, 400 naming the field, 403 for anyone but the admin", async () => {
    expect((await postJson(`${server.url}/api/webhooks`, {})).status).to.equal(401);
    const bad = await postJson(
      `${server.url}/api/webhooks`,
      { url: "ftp://x", eventTypes: ["created"] },
      bearer(t.admin ?? ""),
    );
    expect(bad.status).to.equal(400);
    expect(bad.body.error.message).to.equal("body.url: must be an http:// or https:// URL");
    const none = await postJson(
      `${server.url}/api/webhooks`,
      { url: receiver.url, eventTypes: [] },
      bearer(t.admin ?? ""),
    );
    expect(none.body.error.message).to.equal("body.eventTypes: must name at least one event type");
    const district = await postJson(
      `${server.url}/api/webhooks`,
      { url: receiver.url, eventTypes: ["created"] },
      bearer(t.district ?? ""),
    );
    expect(district.status).to.equal(403);
  });

  it("delivers signed JSON for the chosen types, retries with backoff and logs each attempt", async () => {
    const created = await postJson(
      `${server.url}/api/webhooks`,
      { url: `${receiver.url}/hook`, eventTypes: ["created"], description: "教育局系统" },
      bearer(t.admin ?? ""),
    );
    expect(created.status).to.equal(201);
    const { webhook, secret } = created.body;
    expect(secret).to.match(/^[0-9a-f]{64}$/);
    const listed = await request(`${server.url}/api/webhooks`, { headers: bearer(t.admin ?? "") });
    expect(listed.text).to.not.include(secret);

    const reported = await report(server.url, t.worker ?? "", buildReport(119.02, 33.52));
    const eventId = reported.body.event.id;
    const [queued] = await waitForDeliveries(webhook.id, 1);
    expect(queued).to.include({ eventType: "created", status: "pending" });
    // A transition is not a type this webhook follows.
    expect((await act(server.url, t.officer ?? "", eventId, { action: "claim", expectedVersion: 1 })).status).to.equal(
      200,
    );

    receiver.statuses.push(503);
    const start = new Date(Date.now() + 1000);
    expect(await deliverDueWebhooks(start)).to.deep.equal({ delivered: 0, failed: 0 });
    let [delivery] = await deliveriesOf(webhook.id);
    expect(delivery.status).to.equal("pending");
    expect(delivery.attempts).to.have.length(1);
    expect(delivery.attempts[0]).to.include({ status: 503, error: "HTTP 503" });
    expect(Date.parse(delivery.nextAttemptAt) - start.getTime()).to.equal(WEBHOOK_LIMITS.firstRetryDelayMs);

    await deliverDueWebhooks(new Date(start.getTime() + 10_000)); // not due yet
    expect(receiver.received).to.have.length(1);
    await deliverDueWebhooks(new Date(start.getTime() + WEBHOOK_LIMITS.firstRetryDelayMs));
    [delivery] = await deliveriesOf(webhook.id);
    expect(delivery.status).to.equal("delivered");
    expect(delivery.attempts.map((attempt: { status: number }) => attempt.status)).to.deep.equal([503, 200]);

    expect(receiver.received).to.have.length(2);
    const last = receiver.received[1] as Received;
    expect(last.path).to.equal("/hook");
    expect(last.headers["content-type"]).to.equal("application/json; charset=utf-8");
    expect(last.headers["x-gridrisk-delivery"]).to.equal(delivery.id);
    const signature = String(last.headers["x-gridrisk-signature"]);
    expect(verifyWebhookSignature(secret, last.body, signature)).to.equal(true);
    expect(verifyWebhookSignature("another-secret", last.body, signature)).to.equal(false);
    expect(verifyWebhookSignature(secret, last.body.replace("created", "closed"), signature)).to.equal(false);
    const payload = JSON.parse(last.body);
    expect(payload).to.include({ type: "created", id: delivery.id });
    expect(payload.event).to.include({ id: eventId, status: "reported" });
    expect(payload.event).to.not.have.property("reporterId");
    expect(await deliveriesOf(webhook.id)).to.have.length(1);
  });

  it("gives a delivery up after the last attempt, and stops for an inactive webhook", async () => {
    const created = await postJson(
      `${server.url}/api/webhooks`,
      { url: `${receiver.url}/down`, eventTypes: ["urged", "transitioned"] },
      bearer(t.admin ?? ""),
    );
    const id = created.body.webhook.id;
    const reported = await report(server.url, t.worker ?? "", buildReport(119.03, 33.53));
    await act(server.url, t.officer ?? "", reported.body.event.id, { action: "claim", expectedVersion: 1 });
    await waitForDeliveries(id, 1);
    let clock = Date.now() + 1000;
    for (let i = 0; i < WEBHOOK_LIMITS.maxAttempts; i++) {
      await deliverDueWebhooks(new Date(clock));
      clock += WEBHOOK_LIMITS.maxRetryDelayMs;
    }
    const [delivery] = await deliveriesOf(id);
    expect(delivery.status).to.equal("failed");
    expect(delivery.attempts).to.have.length(WEBHOOK_LIMITS.maxAttempts);
    expect(delivery.nextAttemptAt).to.equal(null);

    const paused = await request(`${server.url}/api/webhooks/${id}`, {
      method: "PATCH",
      headers: { ...bearer(t.admin ?? ""), "Content-Type": "application/json" },
      body: JSON.stringify({ active: false }),
    });
    expect(paused.body.webhook.active).to.equal(false);
    const before = receiver.received.length;
    await act(server.url, t.officer ?? "", reported.body.event.id, {
      action: "comment",
      expectedVersion: 2,
      note: "x",
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await deliverDueWebhooks(new Date(clock));
    expect(receiver.received.length).to.equal(before);
    const audit = await request(`${server.url}/api/audit?entityType=webhook&entityId=${id}`, {
      headers: bearer(t.admin ?? ""),
    });
    expect(audit.body.items[0].changes).to.deep.equal([{ field: "active", before: true, after: false }]);
  });

  it("prunes finished deliveries after the retention, never pending ones", async () => {
    const hooks = (await request(`${server.url}/api/webhooks`, { headers: bearer(t.admin ?? "") })).body.items;
    const counts = async () =>
      (await Promise.all(hooks.map((hook: { id: string }) => deliveriesOf(hook.id)))).flat().map((item) => item.status);
    const before = await counts();
    expect(before).to.include.members(["delivered", "failed"]);
    expect(await pruneWebhookDeliveries(new Date())).to.equal(0);
    const later = new Date(Date.now() + (WEBHOOK_LIMITS.logRetentionDays + 1) * 86_400_000);
    expect(await pruneWebhookDeliveries(later)).to.equal(before.filter((status) => status !== "pending").length);
    expect((await counts()).every((status) => status === "pending")).to.equal(true);
  });
});
