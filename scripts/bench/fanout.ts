/**
 * Benchmark: live fan-out of a new event to 1,000 connected city-level clients on one server
 * process. Measured from the moment `POST /api/events` is sent until the last of the 1,000 has
 * received its `events:changed`, for reports sent one after another; the baseline is a bare
 * `io.emit` of the same payload through the server's own Socket.IO to the same clients, interleaved
 * with the reports. Also the server's memory per idle connection.
 * Target: p99 ≤ 150 ms.
 *
 * The clients (socket.io-client, websocket transport) run in a child process started from this
 * same file, so that the server's memory figures hold only the server side; receipt times cross
 * the process boundary as wall-clock (`performance.timeOrigin + performance.now()`), which both
 * processes read from the same machine clock.
 * Run: npm run bench:fanout   (BENCH_CLIENTS, BENCH_REPORTS, DB_BACKEND to vary)
 */
import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import type { EventChange } from "@gridrisk/shared";
import { io } from "socket.io-client";
import { percentile, startBenchServer } from "./benchServer";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 50);
const WARM_UP = 5;
const CONNECT_CONCURRENCY = 50;

/** What the client process tells the bench. */
type ClientMessage =
  | { kind: "connected" }
  | { kind: "received"; id: string; at: number; change: EventChange }
  | { kind: "failed"; error: string };

const wallClock = () => performance.timeOrigin + performance.now();

/** The client side: CLIENTS sockets; reports when all of them have received a change of an event id. */
async function runClients(url: string, token: string): Promise<void> {
  const counts = new Map<string, number>();
  const send = (message: ClientMessage) => process.send?.(message);
  const connectOne = () =>
    new Promise<void>((resolve, reject) => {
      const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token } });
      socket.on("events:changed", (change: EventChange) => {
        const count = (counts.get(change.event.id) ?? 0) + 1;
        counts.set(change.event.id, count);
        if (count === CLIENTS) {
          counts.delete(change.event.id);
          send({ kind: "received", id: change.event.id, at: wallClock(), change });
        }
      });
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
  try {
    for (let started = 0; started < CLIENTS; started += CONNECT_CONCURRENCY) {
      await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, CLIENTS - started) }, connectOne));
    }
    send({ kind: "connected" });
  } catch (error) {
    send({ kind: "failed", error: (error as Error).message });
  }
}

if (process.env.FANOUT_CLIENTS_OF) {
  await runClients(process.env.FANOUT_CLIENTS_OF, process.env.FANOUT_TOKEN ?? "");
} else {
  await runBench();
}

/** Server memory after full collections and a pause, so that freed pages of the start-up are returned. */
async function memory() {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

async function runBench(): Promise<void> {
  const bench = await startBenchServer();
  const arrivals = new Map<string, (message: { at: number; change: EventChange }) => void>();
  const early = new Map<string, { at: number; change: EventChange }>();
  const before = await memory();

  const clients: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FANOUT_CLIENTS_OF: bench.url, FANOUT_TOKEN: bench.city },
  });
  await new Promise<void>((resolve, reject) => {
    clients.on("message", (message: ClientMessage) => {
      if (message.kind === "connected") resolve();
      else if (message.kind === "failed") reject(new Error(`clients failed: ${message.error}`));
      else {
        const waiting = arrivals.get(message.id);
        if (waiting) waiting(message);
        else early.set(message.id, message);
      }
    });
    clients.once("exit", (code) => reject(new Error(`client process exited with ${code}`)));
  });
  const after = await memory();
  const connectedOnServer = bench.io.of("/").sockets.size;

  /** Resolves with the time at which all clients had the change of event `id`. */
  const allReceived = (id: string) =>
    new Promise<{ at: number; change: EventChange }>((resolve) => {
      const arrived = early.get(id);
      if (arrived) resolve(arrived);
      else arrivals.set(id, resolve);
    }).finally(() => {
      arrivals.delete(id);
      early.delete(id);
    });

  let failures = 0;
  let template: EventChange | undefined;
  const reportOnce = async (index: number) => {
    const sent = wallClock();
    const res = await bench.report({
      title: `扇出压测 ${index}`,
      description: "培训机构消防通道堵塞。",
      category: "safety_hazard",
    });
    const body = (await res.json()) as { event?: { id: string } };
    if (res.status !== 201 || !body.event) {
      failures += 1;
      return undefined;
    }
    const { at, change } = await allReceived(body.event.id);
    template = change;
    return at - sent;
  };
  const emitOnce = async (index: number) => {
    if (!template) return undefined;
    const change = { ...template, event: { ...template.event, id: `baseline-${index}` } };
    const sent = wallClock();
    bench.io.emit("events:changed", change);
    const { at } = await allReceived(change.event.id);
    return at - sent;
  };

  for (let i = 0; i < WARM_UP; i++) {
    await reportOnce(-1 - i);
    await emitOnce(-1 - i);
  }
  const reports: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < REPORTS; i++) {
    const report = await reportOnce(i);
    if (report !== undefined) reports.push(report);
    const emitted = await emitOnce(i);
    if (emitted !== undefined) baseline.push(emitted);
  }

  const round = (ms: number) => Math.round(ms * 10) / 10;
  const mib = (sample: { rss: number; heapUsed: number; external: number }) => ({
    rss: round(sample.rss / 1024 / 1024),
    heapUsed: round(sample.heapUsed / 1024 / 1024),
    external: round(sample.external / 1024 / 1024),
  });
  const stats = (samples: number[]) => ({
    p50Ms: round(percentile(samples, 0.5)),
    p99Ms: round(percentile(samples, 0.99)),
    maxMs: round(Math.max(...samples)),
  });
  const figures = {
    machine: `${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}`,
    database: bench.backend,
    clients: CLIENTS,
    clientsConnectedOnServer: connectedOnServer,
    clientSide: "one child process, socket.io-client, websocket transport",
    reports: reports.length,
    failures,
    reportToAllClients: stats(reports),
    bareIoEmitBaseline: stats(baseline),
    payloadBytes: Buffer.byteLength(JSON.stringify(template ?? {})),
    serverMemoryMiB: { before: mib(before), after: mib(after) },
    serverMemoryPerIdleConnection: {
      rssKiB: round((after.rss - before.rss) / CLIENTS / 1024),
      heapKiB: round((after.heapUsed - before.heapUsed) / CLIENTS / 1024),
      externalKiB: round((after.external - before.external) / CLIENTS / 1024),
      // The start-up (territory import) leaves freed pages the connections reuse, so RSS barely moves.
      note: "heap + external is the server's cost; RSS is reused start-up memory",
    },
  };
  const p99 = figures.reportToAllClients.p99Ms;
  const met = p99 <= 150 && failures === 0 && reports.length === REPORTS;
  const print = (text: string) => new Promise((resolve) => process.stdout.write(text, resolve));
  await print(`${JSON.stringify(figures, null, 2)}\n`);
  await print(
    `fanout: report to all ${CLIENTS} clients p50 ${figures.reportToAllClients.p50Ms} ms, p99 ${p99} ms (bare io.emit p99 ${figures.bareIoEmitBaseline.p99Ms} ms) (target p99 ≤ 150 ms) ${met ? "MET" : "MISSED"}\n`,
  );
  clients.kill();
  await bench.stop();
  process.exit(0);
}
