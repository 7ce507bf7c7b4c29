import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { hashPassword } from "@gridrisk/server/auth/passwords";
import { importTerritory } from "@gridrisk/server/commands/territoryImporter";
import { ensureIndexes } from "@gridrisk/server/database/ensureIndexes";
import { loadConfig } from "@gridrisk/server/env";
import { resetEventCodes } from "@gridrisk/server/events/eventCodes";
import { configureLogging } from "@gridrisk/server/logging/logger";
import { UserModel } from "@gridrisk/server/models/user";
import { startServer } from "@gridrisk/server/server";
import { generateDemoCity } from "@gridrisk/server/territory/demoCity/generateDemoCity";
import { territory } from "@gridrisk/server/territory/territoryCache";
import mongoose from "mongoose";
import { launchDatabase } from "../db/databaseLauncher";
import { launchOptionsFromEnv } from "../db/launchOptionsFromEnv";

const PASSWORD = "bench-password-123";

/**
 * A real server on a throwaway database named `databaseName` (FerretDB on SQLite unless DB_BACKEND
 * or MONGODB_URI say otherwise), writes gated as `npm start` gates them on its own SQLite.
 */
export async function startEmptyBenchServer(databaseName: string, options: { clientDistDir?: string } = {}) {
  configureLogging({ level: "error", format: "pretty", silent: true });
  const launchOptions = launchOptionsFromEnv(process.env, "test");
  const database = await launchDatabase({ ...launchOptions, databaseName });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-bench-"));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    MONGODB_URI: database.uri,
    DATA_DIR: dataDir,
    TOKEN_SECRET: "bench-secret-bench-secret-bench-secret-00",
    // As npm start does for its own FerretDB on SQLite (see server/src/database/writeGate.ts).
    DB_SERIAL_WRITES:
      process.env.DB_SERIAL_WRITES ?? (!database.external && launchOptions.backend === "sqlite" ? "true" : "false"),
  });
  const server = await startServer({
    config,
    clientDistDir: options.clientDistDir ?? dataDir,
    version: "bench",
    waitForDatabase: true,
  });
  await mongoose.connection.dropDatabase();
  return {
    server,
    database,
    backend: database.external
      ? "MONGODB_URI"
      : `FerretDB v1.24.2 on ${launchOptions.backend}${launchOptions.backend === "sqlite" && launchOptions.sqliteIdIndex === false ? " (no _id lookup index)" : ""}`,
    async stop() {
      await server.close();
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A real server on a throwaway database with the demo city loaded and a grid worker, a township
 * officer and a city monitor signed in.
 */
export async function startBenchServer(options: { clientDistDir?: string } = {}) {
  const { server, database, backend, stop } = await startEmptyBenchServer("bench", options);
  await ensureIndexes();
  resetEventCodes();
  await importTerritory(generateDemoCity({ seed: 1 }), { dryRun: false });
  const township = [...territory().all()].find((region) => region.level === "township");
  const grid = [...territory().all()].find(
    (region) => region.level === "grid" && region.ancestors.includes(township?.id ?? ""),
  );
  const city = [...territory().all()].find((region) => region.level === "city");
  if (!township || !grid || !city) throw new Error("demo city has no city, or no township with a grid");
  const passwordHash = await hashPassword(PASSWORD);
  await UserModel.create([
    { username: "bench.worker", name: "bench worker", role: "grid_worker", scope: [grid.id], passwordHash },
    { username: "bench.officer", name: "bench officer", role: "township_officer", scope: [township.id], passwordHash },
    { username: "bench.city", name: "bench city", role: "city_monitor", scope: [city.id], passwordHash },
  ]);
  const signIn = async (username: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const worker = await signIn("bench.worker");
  const places = pointsIn(township.id, 2000);
  let reports = 0;
  /**
   * Sends one report as the grid worker, with a fresh Idempotency-Key, at the next of 2,000 points
   * spread over the worker's township (as real reports are: all at one point, every report would
   * list every earlier one as a possible duplicate).
   */
  const report = (fields: ReportFields) =>
    sendReport(server.url, worker, places[reports++ % places.length] as [number, number], fields);
  return {
    url: server.url,
    report,
    /** The 2,000 points reports are spread over (see `report`). */
    places,
    /** The server's Socket.IO, for baselines that emit directly. */
    io: server.io,
    databaseUri: database.uri,
    backend,
    grid,
    worker,
    officer: await signIn("bench.officer"),
    city: await signIn("bench.city"),
    cityId: city.id,
    stop,
  };
}

/** What a benchmark report says besides its place. */
export interface ReportFields {
  title: string;
  description: string;
  category: string;
}

/** Sends one report to the server at `url` as the holder of `token`, with a fresh Idempotency-Key. */
export function sendReport(url: string, token: string, place: [number, number], fields: ReportFields) {
  return fetch(`${url}/api/events`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "Idempotency-Key": randomUUID() },
    body: JSON.stringify({ ...fields, location: { type: "Point", coordinates: place } }),
  });
}

/** `count` random points (seeded) that lie in grids below the region. */
function pointsIn(regionId: string, count: number): [number, number][] {
  const box = territory().get(regionId)?.bbox;
  if (!box) throw new Error(`region ${regionId} has no bounding box`);
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const points: [number, number][] = [];
  while (points.length < count) {
    const lng = box.minLng + random() * (box.maxLng - box.minLng);
    const lat = box.minLat + random() * (box.maxLat - box.minLat);
    if (
      territory()
        .locate(lng, lat)
        ?.path.some((region) => region.id === regionId)
    )
      points.push([lng, lat]);
  }
  return points;
}

/** Runs `total` calls of `task` with `concurrency` workers; returns each call's latency in ms. */
export async function runConcurrently(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        const started = performance.now();
        await task(index);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

/** The value below which `fraction` of the sorted samples lie. */
export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/** Runs `work` `calls` times one after another; the median and the longest, in ms. */
export async function timedCalls(calls: number, work: () => Promise<unknown>): Promise<{ p50: number; max: number }> {
  const samples: number[] = [];
  for (let call = 0; call < calls; call++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 0.5), max: Math.max(...samples) };
}
