/**
 * Benchmark: memory of the streamed event exports. Inserts BENCH_EVENTS (100,000) events straight
 * into the database, then downloads GET /api/events/export.csv and export.geojson as the city
 * monitor while sampling the server process's heap every 50 ms.
 * Target: the live heap (measured after a forced garbage collection every 500 ms) stays within
 * 32 MB of the heap before: memory bounded, not growing with the number of events. The peak of
 * heapUsed between collections (garbage included) and the RSS are printed as well.
 * Run: npm run bench:export   (BENCH_EVENTS to vary)
 */
import os from "node:os";
import { EventModel } from "@gridrisk/server/models/event";
import { Types } from "mongoose";
import { startBenchServer } from "./benchServer";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = 2_000;
const TARGET_GROWTH_MB = 32;

const bench = await startBenchServer();
const regionPath = [...bench.grid.ancestors, bench.grid.id].map((id) => new Types.ObjectId(id));
const reporterId = new Types.ObjectId();
const started = Date.now();
for (let offset = 0; offset < EVENTS; offset += BATCH) {
  const docs = Array.from({ length: Math.min(BATCH, EVENTS - offset) }, (_, n) => {
    const index = offset + n;
    const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000);
    return {
      code: `BENCH-${String(index).padStart(7, "0")}`,
      title: `压测事件 ${index}, "引号" 与逗号`,
      description: "培训机构消防通道堵塞。",
      category: "safety_hazard",
      severity: "general",
      severityAssessed: false,
      source: "grid_report",
      location: { type: "Point", coordinates: [bench.grid.centroid.lng, bench.grid.centroid.lat] },
      lng: bench.grid.centroid.lng,
      lat: bench.grid.centroid.lat,
      gridId: regionPath[regionPath.length - 1],
      regionPath,
      reporterId,
      occurredAt: at,
      status: "reported",
      owningLevel: "township",
      owningRegionId: regionPath[regionPath.length - 3],
      deadlines: { assessment: at, handling: null, followUp: null },
      nextDeadline: at,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  });
  await EventModel.collection.insertMany(docs);
}
const insertSeconds = (Date.now() - started) / 1000;
process.stderr.write(`inserted ${EVENTS} in ${insertSeconds} s\n`);

async function measure(path: string) {
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  let peakLive = before.heapUsed;
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
    if (ticks % 10 === 0 && global.gc) {
      global.gc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }, 50);
  const t0 = Date.now();
  const res = await fetch(`${bench.url}${path}`, { headers: { Authorization: `Bearer ${bench.city}` } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
  }
  clearInterval(timer);
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return {
    path,
    status: res.status,
    seconds: (Date.now() - t0) / 1000,
    mb: mb(bytes),
    lines,
    heapBeforeMb: mb(before.heapUsed),
    peakHeapMb: mb(peakHeap),
    liveHeapGrowthMb: mb(peakLive - before.heapUsed),
    peakRssMb: mb(peakRss),
  };
}

const results = [await measure("/api/events/export.csv"), await measure("/api/events/export.geojson")];
console.log(`backend: ${bench.backend}; ${os.cpus().length} cores; Node ${process.version}`);
console.log(`${EVENTS} events inserted in ${insertSeconds.toFixed(1)} s (server and client in one process)`);
console.table(results);
const met = results.every((r) => r.status === 200 && r.liveHeapGrowthMb < TARGET_GROWTH_MB);
console.log(met ? `target met: live heap growth < ${TARGET_GROWTH_MB} MB` : "target NOT met");
await bench.stop();
