/**
 * Benchmark: reports per second through the full POST /api/events path (auth, validation, locate,
 * idempotency, insert, bus) against bare driver inserts of the same documents into the same
 * database, in the same run. Target: the full path at least 50% of the bare rate.
 * The reports come from autocannon in a process of its own (scripts/bench/reportLoad.ts); the
 * events stored are counted afterwards. BENCH_CPU_PROFILE=<file> profiles the server meanwhile.
 * Run: npm run bench:ingest   (BENCH_REPORTS, BENCH_CONCURRENCY, DB_BACKEND to vary)
 */
import os from "node:os";
import { MongoClient } from "mongodb";
import { runConcurrently, startBenchServer } from "./benchServer";
import { profiled } from "./cpuProfile";
import { reportLoad } from "./reportLoad";

const TOTAL = Number(process.env.BENCH_REPORTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const bench = await startBenchServer();
const fields = (index: number) => ({
  title: `压测上报 ${index}`,
  description: "某培训机构疑似预收费超过三个月，家长反映退费困难。",
  category: "prepaid_fee_risk",
});

// Warm-up: JIT, connection pools, caches.
await runConcurrently(50, CONCURRENCY, async (index) => {
  await (await bench.report(fields(-index - 1))).arrayBuffer();
});

// The load comes from a process of its own, so the server's event loop is its own.
const load = await profiled(() =>
  reportLoad({
    url: bench.url,
    token: bench.worker,
    places: bench.places,
    total: TOTAL,
    concurrency: CONCURRENCY,
    fields: { ...fields(0), title: "压测上报" },
  }),
);
const apiSeconds = load.seconds;

// The same documents, inserted bare through the driver into other collections of the same
// database: one with the events collection's indexes (the baseline of the target: the same
// documents stored the same way), and one with no index but _id, for reference.
const client = new MongoClient(bench.databaseUri, { maxPoolSize: CONCURRENCY });
await client.connect();
const events = client.db().collection("events");
// Every report answered 2xx and stored once: the warm-up's and the load's, no more, no fewer.
const storedCount = await events.countDocuments({});
const failures = load.failures + Math.abs(storedCount - (50 + TOTAL));
const stored = await events.find({}).limit(TOTAL).toArray();
const docs = stored.map(({ _id, ...doc }, index) => ({ ...doc, code: `BARE-${index}` }));
const indexed = client.db().collection("bench_bare_events");
for (const index of await events.indexes()) {
  if (index.name !== "_id_") await indexed.createIndex(index.key, index.unique ? { unique: true } : {});
}
const insertAll = async (collectionName: string) => {
  const collection = client.db().collection(collectionName);
  const started = performance.now();
  await runConcurrently(docs.length, CONCURRENCY, async (index) => {
    await collection.insertOne({ ...docs[index] });
  });
  return docs.length / ((performance.now() - started) / 1000);
};
const bareRate = await insertAll("bench_bare_events");
const bareNoIndexRate = await insertAll("bench_bare_events_no_index");
await client.close();

const apiRate = TOTAL / apiSeconds;
const figures = {
  machine: `${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}`,
  database: bench.backend,
  reports: TOTAL,
  concurrency: CONCURRENCY,
  failures,
  storedEvents: storedCount,
  apiLatencyP50Ms: load.p50Ms,
  apiLatencyP99Ms: load.p99Ms,
  apiReportsPerSecond: Math.round(apiRate),
  bareInsertsPerSecond: Math.round(bareRate),
  bareNoIndexInsertsPerSecond: Math.round(bareNoIndexRate),
  ratio: Math.round((apiRate / bareRate) * 100) / 100,
  ratioToNoIndex: Math.round((apiRate / bareNoIndexRate) * 100) / 100,
};
const print = (text: string) => new Promise((resolve) => process.stdout.write(text, resolve));
await print(`${JSON.stringify(figures, null, 2)}\n`);
await print(
  `ingest: ${figures.apiReportsPerSecond}/s through the API vs ${figures.bareInsertsPerSecond}/s bare (same indexes): ${Math.round(figures.ratio * 100)}% (${Math.round(figures.ratioToNoIndex * 100)}% of ${figures.bareNoIndexInsertsPerSecond}/s without indexes) (target ≥ 50%) ${figures.ratio >= 0.5 && failures === 0 ? "MET" : "MISSED"}\n`,
);
await bench.stop();
process.exit(0);
