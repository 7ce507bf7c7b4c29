/**
 * Benchmark: locating points in 20,000 grid polygons with the spatial index (GridLocator), against
 * a linear scan with the same point-in-polygon test, in the same run.
 * Run: npm run bench:locate
 */
import os from "node:os";
import { createSeededRandom } from "@gridrisk/server/territory/demoCity/seededRandom";
import { GridLocator } from "@gridrisk/server/territory/gridLocator";
import pointInPolygon from "point-in-polygon-hao";
import { syntheticGrids } from "./syntheticGrids";

const GRIDS = Number(process.env.BENCH_GRIDS ?? 20_000);
const INDEXED_LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 500_000);
const LINEAR_LOOKUPS = Number(process.env.BENCH_LINEAR_LOOKUPS ?? 2_000);

const grids = syntheticGrids(GRIDS);
const vertices = grids.reduce((sum, grid) => sum + grid.ring.length, 0);
const buildStart = performance.now();
const locator = new GridLocator(
  grids.map((grid) => ({ id: grid.code, code: grid.code, geometry: { type: "Polygon", coordinates: [grid.ring] } })),
);
const buildMs = performance.now() - buildStart;

const random = createSeededRandom(11);
const points = Array.from(
  { length: INDEXED_LOOKUPS },
  () => [118.4 + random() * 1.2, 33.1 + random() * 1.0] as [number, number],
);

function linearLocate(lng: number, lat: number): string | undefined {
  for (const grid of grids) if (pointInPolygon([lng, lat], [grid.ring]) !== false) return grid.code;
  return undefined;
}

// Warm up both paths so the JIT has compiled them before timing.
for (const [lng, lat] of points.slice(0, 20_000)) locator.locate(lng, lat);
for (const [lng, lat] of points.slice(0, 50)) linearLocate(lng, lat);

let found = 0;
const indexedStart = performance.now();
for (const [lng, lat] of points) if (locator.locate(lng, lat)) found += 1;
const indexedMs = performance.now() - indexedStart;

let mismatches = 0;
const linearPoints = points.slice(0, LINEAR_LOOKUPS);
const linearStart = performance.now();
const linearAnswers = linearPoints.map(([lng, lat]) => linearLocate(lng, lat));
const linearMs = performance.now() - linearStart;
linearPoints.forEach(([lng, lat], index) => {
  if (locator.locate(lng, lat)?.code !== linearAnswers[index]) mismatches += 1;
});

const indexedRate = INDEXED_LOOKUPS / (indexedMs / 1000);
const linearRate = LINEAR_LOOKUPS / (linearMs / 1000);
const figures = {
  machine: `${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}`,
  grids: grids.length,
  meanVerticesPerGrid: Math.round(vertices / grids.length),
  indexBuildMs: Math.round(buildMs),
  indexedLookups: INDEXED_LOOKUPS,
  indexedLookupsPerSecond: Math.round(indexedRate),
  linearLookups: LINEAR_LOOKUPS,
  linearLookupsPerSecond: Math.round(linearRate),
  speedup: Math.round(indexedRate / linearRate),
  pointsFound: found,
  answersDifferingFromLinearScan: mismatches,
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
process.stdout.write(
  `locate: ${figures.indexedLookupsPerSecond.toLocaleString("en")} lookups/s indexed vs ${figures.linearLookupsPerSecond.toLocaleString("en")} linear: ${figures.speedup}x (targets: ≥ 100,000/s and ≥ 50x) ${figures.indexedLookupsPerSecond >= 100_000 && figures.speedup >= 50 ? "MET" : "MISSED"}\n`,
);
