/**
 * Soak: 1,000 Socket.IO clients connect, stay a while and leave, in waves, for 10 minutes, while
 * reports keep arriving (one every 2 s), against one server process. The server runs in a child
 * process of its own (started with --expose-gc) and answers for its heap after a full GC and its
 * event-loop delay; the clients run here.
 * Targets: heap after GC at the end within 10% of heap after GC once warmed up (two waves);
 * event-loop delay p99 ≤ 50 ms over the run.
 * Run: npm run bench:soak   (BENCH_SOAK_MINUTES, BENCH_CLIENTS to vary)
 */
import { type ChildProcess, fork } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { io, type Socket } from "socket.io-client";
import { report } from "./benchReport";
import { startBenchServer } from "./benchServer";

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const HOLD_MS = 15_000;
const PAUSE_MS = 5_000;
const CONNECT_CONCURRENCY = 50;
/** A socket neither connected nor refused by then counts as failed (a wave never waits forever). */
const CONNECT_TIMEOUT_MS = 20_000;

type Ready = { kind: "ready"; url: string; token: string };
type Stats = {
  kind: "stats";
  heapUsedMb: number;
  rssMb: number;
  loopP99Ms: number;
  loopMaxMs: number;
  reports: number;
  failedReports: number;
  slowestReportMs: number;
};

/** The server side: a bench server, reports every 2 s, stats on request. */
async function serve(): Promise<void> {
  const bench = await startBenchServer();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let reports = 0;
  let failedReports = 0;
  let slowestReportMs = 0;
  const reporting = setInterval(async () => {
    const started = performance.now();
    try {
      const res = await bench.report({
        title: `持续上报 ${reports}`,
        description: "浸泡测试",
        category: "prepaid_fee_risk",
      });
      await res.arrayBuffer();
      if (res.status === 201) reports += 1;
      else failedReports += 1;
    } catch {
      failedReports += 1;
    }
    slowestReportMs = Math.max(slowestReportMs, performance.now() - started);
  }, 2000);
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on("message", (message: { kind: string }) => {
    if (message.kind === "reset-loop") loop.reset();
    if (message.kind !== "stats") return;
    gc?.();
    gc?.();
    const memory = process.memoryUsage();
    process.send?.({
      kind: "stats",
      heapUsedMb: Math.round((memory.heapUsed / 2 ** 20) * 10) / 10,
      rssMb: Math.round((memory.rss / 2 ** 20) * 10) / 10,
      loopP99Ms: Math.round((loop.percentile(99) / 1e6) * 10) / 10,
      loopMaxMs: Math.round((loop.max / 1e6) * 10) / 10,
      reports,
      failedReports,
      slowestReportMs: Math.round(slowestReportMs),
    } satisfies Stats);
  });
  process.on("SIGTERM", async () => {
    clearInterval(reporting);
    await bench.stop();
    process.exit(0);
  });
  process.send?.({ kind: "ready", url: bench.url, token: bench.city } satisfies Ready);
}

function ask(child: ChildProcess, kind: string): Promise<Stats> {
  return new Promise((resolve) => {
    const onMessage = (message: Stats) => {
      if (message.kind !== "stats") return;
      child.off("message", onMessage);
      resolve(message);
    };
    child.on("message", onMessage);
    child.send({ kind });
  });
}

async function wave(url: string, token: string): Promise<{ connected: number; failed: number; timedOut: number }> {
  const sockets: Socket[] = [];
  let failed = 0;
  let timedOut = 0;
  let next = 0;
  const ticker = setInterval(() => {
    process.stderr.write(
      `  … ${next} started, ${sockets.length} connected, ${failed} failed (${timedOut} timed out)\n`,
    );
  }, 30_000);
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      while (next < CLIENTS) {
        next += 1;
        await new Promise<void>((resolve) => {
          const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token } });
          const timer = setTimeout(() => {
            failed += 1;
            timedOut += 1;
            socket.close();
            resolve();
          }, CONNECT_TIMEOUT_MS);
          socket.once("connect", () => {
            clearTimeout(timer);
            sockets.push(socket);
            resolve();
          });
          socket.once("connect_error", () => {
            clearTimeout(timer);
            failed += 1;
            socket.close();
            resolve();
          });
        });
      }
    }),
  );
  clearInterval(ticker);
  await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
  for (const socket of sockets) socket.close();
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  return { connected: sockets.length, failed, timedOut };
}

/** One line per wave on stderr, so a run that stalls shows where. */
function logWave(index: number, started: number, outcome: Awaited<ReturnType<typeof wave>>): void {
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  process.stderr.write(
    `wave ${index + 1} at ${minutes} min: ${outcome.connected} connected, ${outcome.failed} failed (${outcome.timedOut} timed out)\n`,
  );
}

async function measure(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ["serve"], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ready = await new Promise<Ready>((resolve) => child.once("message", (message) => resolve(message as Ready)));
  const started = Date.now();
  let waves = 0;
  let failed = 0;
  for (; waves < 2; waves++) {
    const outcome = await wave(ready.url, ready.token);
    logWave(waves, started, outcome);
    failed += outcome.failed;
  }
  const warm = await ask(child, "stats");
  child.send({ kind: "reset-loop" });
  while (Date.now() - started < MINUTES * 60_000) {
    const outcome = await wave(ready.url, ready.token);
    logWave(waves, started, outcome);
    failed += outcome.failed;
    waves += 1;
  }
  const end = await ask(child, "stats");
  child.kill("SIGTERM");
  const growth = (end.heapUsedMb - warm.heapUsedMb) / warm.heapUsedMb;
  const met = Math.abs(growth) <= 0.1 && end.loopP99Ms <= 50 && failed === 0 && end.failedReports === 0;
  await report(
    {
      minutes: MINUTES,
      clientsPerWave: CLIENTS,
      waves,
      failedConnections: failed,
      reportsDuringRun: end.reports,
      afterWarmUp: warm,
      atEnd: end,
      heapGrowthPercent: Math.round(growth * 1000) / 10,
    },
    `soak: ${waves} waves of ${CLIENTS} sockets over ${MINUTES} min: heap after GC ${warm.heapUsedMb} → ${end.heapUsedMb} MiB (${Math.round(growth * 1000) / 10}%, target within 10%), event-loop delay p99 ${end.loopP99Ms} ms (target ≤ 50 ms), ${end.reports} reports (${end.failedReports} failed, slowest ${end.slowestReportMs} ms) ${met ? "MET" : "MISSED"}`,
  );
}

if (process.argv[2] === "serve") await serve();
else {
  await measure();
  process.exit(0);
}
