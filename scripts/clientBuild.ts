import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./projectPaths";

const clientDir = path.join(projectRoot, "client");
const builtIndex = path.join(clientDir, "dist", "index.html");
const SOURCES = [
  path.join(clientDir, "src"),
  path.join(clientDir, "index.html"),
  path.join(clientDir, "public"),
  path.join(clientDir, "vite.config.ts"),
  path.join(clientDir, "package.json"),
  path.join(projectRoot, "shared", "src"),
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when the client has no build or a source file is newer than it. */
export function clientBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > builtAt);
}

/** Builds the client with Vite when it is missing or stale. */
export function ensureClientBuilt(): void {
  if (!clientBuildIsStale()) return;
  process.stderr.write("Building the client (vite build)...\n");
  const result = spawnSync(
    process.platform === "win32" ? "npm.cmd" : "npm",
    ["run", "build", "--workspace", "client"],
    {
      cwd: projectRoot,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  if (result.status !== 0) throw new Error("The client build failed; see above.");
}
