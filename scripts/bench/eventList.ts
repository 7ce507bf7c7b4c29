/**
 * Benchmark: reading the 1,000 events that lie in a bounding box through GET /api/events (auth,
 * validation, territory filter, query, presenters; two pages of 500 following nextCursor),
 * against the same query pages done with the bare driver and `res.json` in a plain Express route
 * of the same process. The database holds 2,000 events; the box holds 1,000 of them.
 * Load: 4 concurrent readers in a child process, each walking all pages again and again.
 * Target: the API at ≥ 0.7× the bare rate.
 * Run: npm run bench:list   (BENCH_SECONDS to vary)
 */
import http from "node:http";
import { fileURLToPath } from "node:url";
import { afterCursor, cursorAfter, sortOf } from "@gridrisk/server/routes/events/eventListFilter";
import express from "express";
import mongoose, { Types } from "mongoose";
import { report } from "./benchReport";
import { percentile, runConcurrently, startBenchServer } from "./benchServer";
import { startTarget, stopTarget } from "./loadClient";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const READERS = Number(process.env.BENCH_READERS ?? 4);
const LIMIT = 500;

type Walk = { url: string; token: string; bbox: string; expected: number };
type WalkFigures = { walksPerSecond: number; p50Ms: number; p99Ms: number; failures: number };

/** The reader side: walks every page of the box, READERS at a time, for SECONDS. */
async function walkFor(walk: Walk): Promise<WalkFigures> {
  const headers = { Authorization: `Bearer ${walk.token}` };
  const once = async () => {
    let cursor: string | undefined;
    let seen = 0;
    do {
      const res = await fetch(`${walk.url}?bbox=${walk.bbox}&limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ""}`, {
        headers,
      });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      const body = (await res.json()) as { items: unknown[]; nextCursor?: string };
      seen += body.items.length;
      cursor = body.nextCursor;
    } while (cursor);
    if (seen !== walk.expected) throw new Error(`saw ${seen} events, expected ${walk.expected}`);
  };
  await once();
  let failures = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          await once();
          latencies.push(performance.now() - started);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  // Walks started before the deadline finish after it: the rate is over the whole time taken.
  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    walksPerSecond: Math.round((latencies.length / elapsedSeconds) * 100) / 100,
    p50Ms: Math.round(percentile(latencies, 0.5)),
    p99Ms: Math.round(percentile(latencies, 0.99)),
    failures,
  };
}

/** A plain Express route doing the API's query with the driver: same filter, sort, projection, pages. */
function bareServer(cityId: string): Promise<{ url: string; close: () => void }> {
  const app = express();
  const events = mongoose.connection.db?.collection("events");
  if (!events) throw new Error("not connected");
  const sort = sortOf({ sort: undefined } as never);
  app.get("/events", async (req, res) => {
    const [minLng, minLat, maxLng, maxLat] = String(req.query.bbox).split(",").map(Number) as number[];
    const and: Record<string, unknown>[] = [
      { regionPath: { $in: [new Types.ObjectId(cityId)] } },
      { lng: { $gte: minLng, $lte: maxLng }, lat: { $gte: minLat, $lte: maxLat } },
    ];
    if (req.query.cursor) and.push(afterCursor(String(req.query.cursor), sort));
    const docs = await events
      .find({ $and: and }, { projection: { timeline: 0 } })
      .sort({ [sort.field]: sort.direction, _id: sort.direction })
      .limit(LIMIT + 1)
      .toArray();
    const items = docs.slice(0, LIMIT);
    const last = items[items.length - 1];
    res.json({
      items,
      ...(docs.length > LIMIT && last ? { nextCursor: cursorAfter(last as never, sort) } : {}),
    });
  });
  return new Promise((resolve) => {
    const server = http.createServer(app).listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/events`, close: () => server.close() });
    });
  });
}

async function measure(): Promise<void> {
  const bench = await startBenchServer();
  const fields = (index: number) => ({
    title: `范围查询 ${index}`,
    description: "列表基准",
    category: "prepaid_fee_risk",
  });
  await runConcurrently(2000, 10, async (index) => {
    const res = await bench.report(fields(index));
    if (res.status !== 201) throw new Error(`report failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  });
  // The box: the western half of the reports, by longitude.
  const points =
    (await mongoose.connection.db
      ?.collection("events")
      .find({}, { projection: { lng: 1, lat: 1 } })
      .toArray()) ?? [];
  const lngs = points.map((point) => point.lng as number).sort((a, b) => a - b);
  const lats = points.map((point) => point.lat as number);
  const split = ((lngs[999] as number) + (lngs[1000] as number)) / 2;
  const bbox = [(lngs[0] as number) - 0.001, Math.min(...lats) - 0.001, split, Math.max(...lats) + 0.001].join(",");
  const bare = await bareServer(bench.cityId);
  const self = fileURLToPath(import.meta.url);
  const figures: Record<string, WalkFigures> = {};
  for (const [name, url] of [
    ["api", `${bench.url}/api/events`],
    ["bare", bare.url],
  ] as const) {
    const { child, ready } = await startTarget<WalkFigures>(
      self,
      JSON.stringify({ url, token: bench.city, bbox, expected: 1000 }),
    );
    figures[name] = ready;
    await stopTarget(child);
  }
  bare.close();
  await bench.stop();
  const ratio = (figures.api?.walksPerSecond ?? 0) / (figures.bare?.walksPerSecond ?? 1);
  const failures = (figures.api?.failures ?? 0) + (figures.bare?.failures ?? 0);
  await report(
    {
      database: bench.backend,
      events: 2000,
      inBox: 1000,
      pageSize: LIMIT,
      readers: READERS,
      seconds: SECONDS,
      api: figures.api,
      bare: figures.bare,
      failures,
      ratio: Math.round(ratio * 100) / 100,
    },
    `list: 1,000 events in a bbox through the API ${figures.api?.walksPerSecond}/s vs bare driver + res.json ${figures.bare?.walksPerSecond}/s = ${ratio.toFixed(2)}× (target ≥ 0.7×) ${ratio >= 0.7 && failures === 0 ? "MET" : "MISSED"}`,
  );
}

const role = process.argv[2];
if (role) {
  process.send?.(await walkFor(JSON.parse(role) as Walk));
  process.on("SIGTERM", () => process.exit(0));
} else {
  await measure();
  process.exit(0);
}
