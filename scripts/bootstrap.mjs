// The one plain-JavaScript file of the project: it runs before dependencies (and so TypeScript
// support) may be installed. It installs what is missing, then hands over to TypeScript.
// Usage: node scripts/bootstrap.mjs start|test|dev
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node.js 20.19 or newer is needed; this is ${process.versions.node}.`);
  process.exit(1);
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
function ensureInstalled() {
  const installedLock = path.join(root, "node_modules", ".package-lock.json");
  const manifests = [
    "package.json",
    "package-lock.json",
    "shared/package.json",
    "server/package.json",
    "client/package.json",
  ];
  const newest = Math.max(...manifests.map((file) => mtime(path.join(root, file))));
  if (existsSync(installedLock) && mtime(installedLock) >= newest) return;
  console.error("Installing dependencies (npm ci)...");
  const status = run(npm, ["ci", "--no-audit", "--no-fund"]);
  if (status !== 0) {
    console.error("npm ci failed; see above.");
    process.exit(status);
  }
}

const command = process.argv[2] ?? "start";
ensureInstalled();

if (command === "test") {
  console.error("Typechecking...");
  const typecheck = run(npm, ["run", "--silent", "typecheck"]);
  if (typecheck !== 0) process.exit(typecheck);
  process.exit(
    run(process.execPath, [path.join(root, "node_modules", "mocha", "bin", "mocha.js"), ...process.argv.slice(3)]),
  );
} else if (command === "start" || command === "dev") {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.join(root, "scripts", command === "dev" ? "dev.ts" : "start.ts")).href);
} else {
  console.error(`Unknown command "${command}": use start, test or dev.`);
  process.exit(2);
}
