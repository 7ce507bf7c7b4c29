/**
 * Benchmark: the command map with 20,000 events over 3,000 grids. Time from navigation to the
 * grid boundaries and the event markers visible in headless Chromium (target ≤ 2 s), the API
 * time and payload size behind it, the one-time scan that builds the in-memory facts, and the
 * metrics query for a city-wide quarter at 100,000 events (target ≤ 300 ms).
 *
 * The 20,000 events are written to the database (the page reads them through the server); the
 * 100,000 for the metrics query are the same generator's documents turned into facts in memory,
 * which is all a query reads (the start-up scan is measured separately at 20,000).
 * Run: npm run bench:map   (BENCH_EVENTS, BENCH_METRICS_EVENTS, DB_BACKEND to vary)
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { metricFactOf } from "@gridrisk/server/metrics/metricFact";
import { computeMetrics } from "@gridrisk/server/metrics/metricsComputation";
import { metricsStore } from "@gridrisk/server/metrics/metricsStore";
import type { EventDoc } from "@gridrisk/server/models/event";
import { generateDemoEventDocuments, seedDemoEvents } from "@gridrisk/server/seed/seedDemoEvents";
import { chromium } from "playwright-core";
import { ensureClientBuilt } from "../clientBuild";
import { projectRoot } from "../projectPaths";
import { percentile, startBenchServer } from "./benchServer";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const METRICS_EVENTS = Number(process.env.BENCH_METRICS_EVENTS ?? 100_000);
const CHROMIUM = "/usr/bin/chromium";
const PAGE_RUNS = 3;
const QUERY_RUNS = 10;

const print = (text: string) => new Promise((resolve) => process.stdout.write(text, resolve));
const ms = (start: number) => Math.round(performance.now() - start);

ensureClientBuilt();
const bench = await startBenchServer({ clientDistDir: path.join(projectRoot, "client", "dist") });
const headers = { Authorization: `Bearer ${bench.city}` };

let started = performance.now();
await seedDemoEvents({ seed: 5, count: EVENTS, days: 90 });
const insertMs = ms(started);
started = performance.now();
await metricsStore.rebuild();
const scanMs = ms(started);

/** Times one GET and its body size (as sent: gzip when asked for). */
async function timeGet(pathAndQuery: string, extra: Record<string, string> = {}) {
  const start = performance.now();
  const res = await fetch(`${bench.url}${pathAndQuery}`, { headers: { ...headers, ...extra } });
  const body = Buffer.from(await res.arrayBuffer());
  return { ms: ms(start), bytes: Number(res.headers.get("content-length") ?? body.length), status: res.status };
}

const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
const eventsApi = [];
for (let run = 0; run < 3; run++) eventsApi.push(await timeGet(`/api/map/events?from=${from}`));
const boundariesFirst = await timeGet("/api/map/boundaries", { "Accept-Encoding": "gzip" });
const boundariesPlain = await timeGet("/api/map/boundaries");
const boundariesGzip = await timeGet("/api/map/boundaries", { "Accept-Encoding": "gzip" });

const pageRuns: number[] = [];
if (existsSync(CHROMIUM)) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
  });
  for (let run = 0; run < PAGE_RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.request.post(`${bench.url}/api/auth/login`, {
      data: { username: "bench.city", password: "bench-password-123" },
    });
    const start = performance.now();
    await page.goto(`${bench.url}/map`);
    await page.waitForSelector(".live-map[data-grids='3000']", { timeout: 60_000 });
    await page.waitForSelector(".live-cluster, .live-point", { state: "visible", timeout: 60_000 });
    pageRuns.push(ms(start));
    await context.close();
  }
  await browser.close();
}

// The metrics query at METRICS_EVENTS: the generator's documents as facts, added to the store.
for (let added = EVENTS, chunk = 0; added < METRICS_EVENTS; added += 20_000, chunk++) {
  const count = Math.min(20_000, METRICS_EVENTS - added);
  const docs = await generateDemoEventDocuments({ seed: 6 + chunk, count, days: 90 });
  for (const doc of docs) metricsStore.upsert(metricFactOf(doc as unknown as EventDoc));
}
const facts = (await metricsStore.current()).size;
const metricsRuns: number[] = [];
let metricsBytes = 0;
for (let run = 0; run < QUERY_RUNS; run++) {
  const result = await timeGet(`/api/metrics?from=${from}`);
  metricsRuns.push(result.ms);
  metricsBytes = result.bytes;
}
const mapEventsAtMetrics = await timeGet(`/api/map/events?from=${from}`);
// The same computation without HTTP, to tell the in-memory pass from the rest.
const computeRuns: number[] = [];
for (let run = 0; run < QUERY_RUNS; run++) {
  const start = performance.now();
  const now = Date.now();
  computeMetrics(
    (await metricsStore.current()).values(),
    { from: Date.parse(from), to: now, now },
    (fact) => fact.regionPath[1],
  );
  computeRuns.push(ms(start));
}

const pageMedian = pageRuns.length ? percentile(pageRuns, 0.5) : null;
const metricsMedian = percentile(metricsRuns, 0.5);
const figures = {
  machine: `${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
  database: bench.backend,
  events: EVENTS,
  grids: 3000,
  seedInsertMs: insertMs,
  factScanMs: scanMs,
  mapEventsApi: { ms: eventsApi.map((run) => run.ms), bytes: eventsApi[0]?.bytes },
  boundariesApi: {
    firstMs: boundariesFirst.ms,
    cachedMs: boundariesGzip.ms,
    bytes: boundariesPlain.bytes,
    gzipBytes: boundariesGzip.bytes,
  },
  pageToMarkersAndBoundariesMs: pageRuns,
  metrics: {
    facts,
    runsMs: metricsRuns,
    medianMs: metricsMedian,
    maxMs: Math.max(...metricsRuns),
    bytes: metricsBytes,
  },
  mapEventsApiAtMetricsEvents: mapEventsAtMetrics,
  metricsComputeOnlyMs: computeRuns,
};
await print(`${JSON.stringify(figures, null, 2)}\n`);
await print(
  `map page: ${pageMedian ?? "not measured (no Chromium)"} ms median (target ≤ 2000) ${pageMedian !== null && pageMedian <= 2000 ? "MET" : "MISSED"}\n`,
);
await print(
  `metrics at ${facts} events: ${metricsMedian} ms median, ${Math.max(...metricsRuns)} ms max (target ≤ 300) ${metricsMedian <= 300 ? "MET" : "MISSED"}\n`,
);
await bench.stop();
process.exit(0);
