/**
 * `npm run bench`: runs every benchmark one after another, each in a process of its own, and
 * prints the summary line of each (its figures against its baseline and target) at the end.
 * BENCH_ONLY=ingest,list runs a subset; BENCH_SOAK_MINUTES shortens the soak.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { machine } from "./benchReport";

const BENCHES = [
  "locate",
  "ingest",
  "transitions",
  "fanout",
  "middleware",
  "eventList",
  "seeding",
  "map",
  "client",
  "prevention",
  "changeLog",
  "soak",
];
const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());

function run(name: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, `${name}.ts`)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on("exit", (code) => {
      const summary = output
        .split("\n")
        .reverse()
        .find((line) => /\b(MET|MISSED)\b/.test(line));
      resolve(summary ?? `${name}: no summary (exit code ${code})`);
    });
  });
}

const started = new Date();
const summaries: string[] = [];
for (const name of BENCHES.filter((bench) => !only || only.includes(bench))) {
  process.stdout.write(`\n=== ${name}\n`);
  summaries.push(await run(name));
}
process.stdout.write(`\n=== summary (${started.toISOString()}, ${machine()})\n${summaries.join("\n")}\n`);
