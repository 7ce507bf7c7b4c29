/**
 * Benchmark: seeding 5,000 events through the model layer (`insertValidated`: each document
 * built by mongoose with casting and defaults, and validated; then one driver insertMany) against
 * the driver's `insertMany` of the same documents, into collections
 * with the same indexes, in the same database and run. Documents are built the way a report builds
 * them (the schema's defaults under the report's fields: grid, region path, deadlines, a
 * hash-chained first timeline entry), at points spread over the demo city's townships, so that
 * both sides store the same rows. Also prints the longest event-loop delay during the model
 * layer's runs: building is synchronous work, done in slices so that the process stays responsive.
 * Target: the model layer at ≥ 0.5× the driver.
 * Run: npm run bench:seeding   (BENCH_EVENTS to vary)
 */

import { monitorEventLoopDelay } from "node:perf_hooks";
import { insertValidated, schemaDefaults } from "@gridrisk/server/database/bulkInsert";
import { ensureIndexes } from "@gridrisk/server/database/ensureIndexes";
import { chainEntry, genesisHash } from "@gridrisk/server/events/timelineChain";
import { EventModel } from "@gridrisk/server/models/event";
import { territory } from "@gridrisk/server/territory/territoryCache";
import mongoose, { Types } from "mongoose";
import { report } from "./benchReport";
import { startBenchServer } from "./benchServer";
import { profiled } from "./cpuProfile";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const ROUNDS = 3;

const bench = await startBenchServer();
const grids = [...territory().all()].filter((region) => region.level === "grid");
const reporter = new Types.ObjectId();

function eventDocument(index: number) {
  const grid = grids[(index * 7919) % grids.length];
  if (!grid) throw new Error("no grids");
  const path = territory().pathOf(grid.id);
  const township = path.find((region) => region.level === "township");
  const id = new Types.ObjectId();
  const at = new Date(Date.now() - index * 60_000);
  const due = new Date(at.getTime() + 24 * 3600_000);
  return {
    ...schemaDefaults(EventModel),
    _id: id,
    code: `HA-2026-${String(index + 1).padStart(6, "0")}`,
    title: `历史事件 ${index}`,
    description: "某培训机构疑似预收费超过三个月，家长反映退费困难。",
    category: "prepaid_fee_risk",
    severity: "general",
    source: "grid_report",
    location: { type: "Point", coordinates: [grid.centroid.lng, grid.centroid.lat] },
    lng: grid.centroid.lng,
    lat: grid.centroid.lat,
    gridId: new Types.ObjectId(grid.id),
    regionPath: path.map((region) => new Types.ObjectId(region.id)),
    institutionId: null,
    reporterId: reporter,
    attachments: [],
    occurredAt: at,
    status: "reported",
    owningLevel: "township",
    owningRegionId: new Types.ObjectId(township?.id),
    deadlines: { assessment: due, handling: null, followUp: null },
    nextDeadline: due,
    version: 1,
    createdAt: at,
    updatedAt: at,
    timeline: [
      chainEntry(genesisHash(id), {
        seq: 1,
        action: "report",
        actorId: reporter,
        actorName: "网格员",
        actorRole: "grid_worker",
        at,
        fromStatus: null,
        toStatus: "reported",
        note: "某培训机构疑似预收费超过三个月，家长反映退费困难。",
        fields: JSON.stringify({ category: "prepaid_fee_risk", severity: "general" }),
        evidence: [],
      }),
    ],
  };
}

const db = mongoose.connection.db;
if (!db) throw new Error("not connected");
const bare = db.collection("bench_bare_events");
for (const index of await EventModel.collection.indexes()) {
  if (index.name !== "_id_") await bare.createIndex(index.key, index.unique ? { unique: true } : {});
}

const modelSeconds: number[] = [];
const driverSeconds: number[] = [];
const loopDelayMaxMs: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Fresh documents each round (new ids), the same for both sides of the round.
  const docs = Array.from({ length: EVENTS }, (_, index) => eventDocument(index));
  await EventModel.deleteMany({});
  await bare.deleteMany({});
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let started = performance.now();
  await profiled(() => insertValidated(EventModel, docs));
  modelSeconds.push((performance.now() - started) / 1000);
  loop.disable();
  loopDelayMaxMs.push(Math.round(loop.max / 1e6));
  started = performance.now();
  await bare.insertMany(docs.map((doc) => ({ ...doc })));
  driverSeconds.push((performance.now() - started) / 1000);
}
const best = (values: number[]) => Math.min(...values);
const modelRate = EVENTS / best(modelSeconds);
const driverRate = EVENTS / best(driverSeconds);
const ratio = modelRate / driverRate;
const stored = await EventModel.countDocuments({});
await ensureIndexes();
await bench.stop();
await report(
  {
    database: bench.backend,
    events: EVENTS,
    rounds: ROUNDS,
    modelSeconds,
    driverSeconds,
    modelEventsPerSecond: Math.round(modelRate),
    driverEventsPerSecond: Math.round(driverRate),
    stored,
    loopDelayMaxMs,
    ratio: Math.round(ratio * 100) / 100,
  },
  `seeding: ${EVENTS} events through the model layer ${Math.round(modelRate)}/s vs the driver's insertMany ${Math.round(driverRate)}/s = ${ratio.toFixed(2)}× (best of ${ROUNDS}; target ≥ 0.5×) ${ratio >= 0.5 && stored === EVENTS ? "MET" : "MISSED"}`,
);
process.exit(0);
