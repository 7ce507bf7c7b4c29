/**
 * Benchmark: the grid worker's report page in headless Chromium on a phone viewport. Two budgets
 * (workspaces issue): the page's initial JavaScript ≤ 200 KB gzipped (the map and every other page
 * are loaded lazily), and the report form interactive ≤ 1.5 s after navigation starts.
 *
 * Initial JavaScript is what the built index.html loads before any code runs: its entry script and
 * the chunks it preloads, each gzipped here at the default level (what a gzip-serving proxy sends).
 * The bytes actually fetched before the form was interactive are printed too, with the lazy
 * chunks that followed. "Interactive": the send button is enabled and typing into the title works,
 * timed from the navigation's start (performance.now() in the page). Every run is a fresh browser
 * context (no HTTP cache, service workers blocked), signed in as the bench's grid worker.
 * Run: npm run bench:client   (BENCH_RUNS to vary)
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { ensureClientBuilt } from "../clientBuild";
import { projectRoot } from "../projectPaths";
import { report } from "./benchReport";
import { percentile, startBenchServer } from "./benchServer";

const CHROMIUM = "/usr/bin/chromium";
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const JS_BUDGET_KB = 200;
const INTERACTIVE_BUDGET_MS = 1500;
const dist = path.join(projectRoot, "client", "dist");

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gzipped = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length;

ensureClientBuilt();
const html = readFileSync(path.join(dist, "index.html"), "utf8");
const initialFiles = [
  ...html.matchAll(/<(?:script[^>]*src|link rel="modulepreload"[^>]*href)="\/(assets\/[^"]+\.js)"/g),
].map((match) => match[1] as string);
const initial = initialFiles.map((file) => ({
  file,
  rawKB: kb(readFileSync(path.join(dist, file)).length),
  gzipKB: kb(gzipped(file)),
}));
const initialGzipKB = Math.round(initial.reduce((sum, entry) => sum + entry.gzipKB, 0) * 10) / 10;

if (!existsSync(CHROMIUM)) {
  await report({ initial, initialGzipKB }, `client: no Chromium at ${CHROMIUM}; interactive time not measured MISSED`);
  process.exit(0);
}

const bench = await startBenchServer({ clientDistDir: dist });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
});
const interactiveMs: number[] = [];
let fetchedBeforeInteractive: string[] = [];
let fetchedAfter: string[] = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    serviceWorkers: "block",
  });
  const page = await context.newPage();
  await page.request.post(`${bench.url}/api/auth/login`, {
    data: { username: "bench.worker", password: "bench-password-123" },
  });
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname.slice(1));
  });
  await page.goto(`${bench.url}/report`, { waitUntil: "commit" });
  await page.waitForSelector("form.report-form button[type=submit]:not([disabled])");
  const title = page.locator("form.report-form input").first();
  await title.fill("x");
  if ((await title.inputValue()) !== "x") throw new Error("the title field did not take input");
  interactiveMs.push(Math.round((await page.evaluate("performance.now()")) as number));
  const before = [...scripts];
  await page.waitForSelector(".report-map.leaflet-container");
  fetchedBeforeInteractive = before;
  fetchedAfter = scripts.filter((file) => !before.includes(file));
  await context.close();
}
await browser.close();
await bench.stop();

const sumGzipKB = (files: string[]) => Math.round(files.reduce((sum, file) => sum + kb(gzipped(file)), 0) * 10) / 10;
const median = percentile(interactiveMs, 0.5);
const jsMet = initialGzipKB <= JS_BUDGET_KB;
const timeMet = median <= INTERACTIVE_BUDGET_MS;
await report(
  {
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    initial,
    initialGzipKB,
    fetchedBeforeInteractive: { files: fetchedBeforeInteractive, gzipKB: sumGzipKB(fetchedBeforeInteractive) },
    lazyAfterInteractive: { files: fetchedAfter, gzipKB: sumGzipKB(fetchedAfter) },
    interactiveMs,
  },
  `client: report page initial JS ${initialGzipKB} KB gzipped (budget ≤ ${JS_BUDGET_KB}) ${jsMet ? "MET" : "MISSED"}; ` +
    `form interactive ${median} ms median of ${RUNS} (budget ≤ ${INTERACTIVE_BUDGET_MS}) ${timeMet ? "MET" : "MISSED"}`,
);
