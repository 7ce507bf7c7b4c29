/**
 * Benchmark: latency of event actions at 20 concurrent clients through POST
 * /api/events/:id/actions (auth, load, policy, claim, conditional update with timeline entry).
 * Target: p99 < 50 ms on FerretDB with SQLite. Baselines, same run: the two writes an action makes
 * (version claim insert, findOneAndUpdate by _id with the timeline entry) through the bare driver,
 * as they come and one at a time.
 * The actions come over HTTP from a process of their own (scripts/bench/actionLoad.ts); the
 * baseline's writes from this one. BENCH_CPU_PROFILE=<file> profiles the server meanwhile.
 * Run: npm run bench:transitions   (BENCH_EVENTS, BENCH_CONCURRENCY, DB_BACKEND to vary)
 */
import os from "node:os";
import { type Document, MongoClient } from "mongodb";
import { actionLoad } from "./actionLoad";
import { percentile, runConcurrently, startBenchServer } from "./benchServer";
import { profiled } from "./cpuProfile";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const COMMENTS_PER_EVENT = 3;

const bench = await startBenchServer();
const ids: string[] = [];
await runConcurrently(EVENTS, CONCURRENCY, async (index) => {
  const res = await bench.report({
    title: `压测事件 ${index}`,
    description: "培训机构消防通道堵塞。",
    category: "safety_hazard",
  });
  ids.push(((await res.json()) as { event: { id: string } }).event.id);
});

// Each event gets: claim (v1→2), then comments (v2→3, …), each client working its own events.
const steps = ids.flatMap((id) => [
  { id, body: { action: "claim", expectedVersion: 1 } },
  ...Array.from({ length: COMMENTS_PER_EVENT }, (_, n) => ({
    id,
    body: { action: "comment", expectedVersion: 2 + n, note: `跟进 ${n}` },
  })),
]);
// Interleave so that concurrent requests touch different events, and one event's steps stay in order.
const perEvent = new Map<string, typeof steps>();
for (const step of steps) perEvent.set(step.id, [...(perEvent.get(step.id) ?? []), step]);
const queues = [...perEvent.values()];
/**
 * Runs each queue's steps in order, CONCURRENCY queues at a time: the first CONCURRENCY queues
 * as a warm-up, the rest timed. Returns each timed step's latency and the run's seconds.
 */
async function timedRun<T>(all: T[][], step: (item: T) => Promise<void>) {
  const warm = all.slice(0, CONCURRENCY);
  const timed = all.slice(CONCURRENCY);
  await runConcurrently(warm.length, CONCURRENCY, async (index) => {
    for (const item of warm[index] ?? []) await step(item);
  });
  const latencies: number[] = [];
  const started = performance.now();
  await runConcurrently(timed.length, CONCURRENCY, async (index) => {
    for (const item of timed[index] ?? []) {
      const t0 = performance.now();
      await step(item);
      latencies.push(performance.now() - t0);
    }
  });
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const ms = (value: number) => Math.round(value * 10) / 10;
/** Rate and latency percentiles of a timed run. */
const summary = ({ latencies, seconds }: Awaited<ReturnType<typeof timedRun>>) => ({
  actions: latencies.length,
  actionsPerSecond: Math.round(latencies.length / seconds),
  p50Ms: ms(percentile(latencies, 0.5)),
  p90Ms: ms(percentile(latencies, 0.9)),
  p99Ms: ms(percentile(latencies, 0.99)),
  maxMs: ms(Math.max(...latencies)),
});

// The actions come from a process of its own (as phones would), warmed up and timed the same way.
const load = await profiled(() =>
  actionLoad({
    url: bench.url,
    token: bench.officer,
    concurrency: CONCURRENCY,
    queues: queues.map((queue) =>
      queue.map((step) => ({ path: `/api/events/${step.id}/actions`, body: step.body, expect: 200 })),
    ),
  }),
);
const failures = load.failures;
const api = { latencies: load.latenciesMs, seconds: load.seconds };

// Baselines in the same run: the two writes an action must make, through the bare driver at the
// same concurrency: a version-claim insert, then a findOneAndUpdate by _id that bumps the version
// and appends a timeline entry, on copies of the same events in a collection with the same indexes;
// once as they come (as MongoDB would take them), once one write at a time (as the server queues
// them on SQLite, where concurrent writers starve in SQLite's busy handler).
const client = new MongoClient(bench.databaseUri, { maxPoolSize: CONCURRENCY });
await client.connect();
const stored = await client.db().collection("events").find({}).toArray();
const eventIndexes = (await client.db().collection("events").indexes()).filter((index) => index.name !== "_id_");

async function bareBaseline(name: string, serial: boolean) {
  const bareEvents = client.db().collection<{ _id: string; version: number; timeline: Document[] }>(`${name}_events`);
  const bareClaims = client.db().collection<Document & { _id: string }>(`${name}_claims`);
  for (const index of eventIndexes) await bareEvents.createIndex(index.key, index.unique ? { unique: true } : {});
  await bareEvents.insertMany(
    stored.map((doc) => ({ ...doc, _id: String(doc._id), code: `BARE-${doc._id}` }) as never),
  );
  const bareQueues = stored.map((doc) =>
    Array.from({ length: 1 + COMMENTS_PER_EVENT }, (_, n) => ({
      id: String(doc._id),
      version: Number(doc.version) + n,
    })),
  );
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(write: () => Promise<T>): Promise<T> => {
    if (!serial) return write();
    const run = queue.then(write, write);
    queue = run.catch(() => undefined);
    return run;
  };
  const bareAct = async ({ id, version }: { id: string; version: number }) => {
    await inTurn(() => bareClaims.insertOne({ _id: `${id}:${version}`, at: new Date() }));
    await inTurn(() =>
      bareEvents.findOneAndUpdate(
        { _id: id },
        {
          $set: { updatedAt: new Date() },
          $inc: { version: 1 },
          $push: {
            timeline: { seq: version + 1, action: "comment", at: new Date(), note: "跟进", hash: "0".repeat(64) },
          },
        },
      ),
    );
  };
  return timedRun(bareQueues, bareAct);
}
const bare = await bareBaseline("bench_bare", false);
const bareSerial = await bareBaseline("bench_bare_serial", true);
await client.close();

const figures = {
  machine: `${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}`,
  database: bench.backend,
  concurrency: CONCURRENCY,
  failures,
  ...summary(api),
  bareDriver: summary(bare),
  bareDriverOneWriteAtATime: summary(bareSerial),
};
const print = (text: string) => new Promise((resolve) => process.stdout.write(text, resolve));
await print(`${JSON.stringify(figures, null, 2)}\n`);
await print(
  `transitions: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms at ${CONCURRENCY} clients (target p99 < 50 ms) ${figures.p99Ms < 50 && failures === 0 ? "MET" : "MISSED"}; the same two writes through the bare driver: p50 ${figures.bareDriver.p50Ms} ms, p99 ${figures.bareDriver.p99Ms} ms, ${figures.bareDriver.actionsPerSecond}/s; one write at a time: p50 ${figures.bareDriverOneWriteAtATime.p50Ms} ms, p99 ${figures.bareDriverOneWriteAtATime.p99Ms} ms, ${figures.bareDriverOneWriteAtATime.actionsPerSecond}/s\n`,
);
await bench.stop();
process.exit(0);
