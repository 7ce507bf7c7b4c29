/**
 * Runs FerretDB as its own child and makes sure it never outlives the process that launched us.
 *
 * The launcher keeps our stdin open through a pipe. When the launcher dies, even by SIGKILL, the
 * pipe closes, and we stop FerretDB. Signals we receive are passed on. We exit when FerretDB does.
 * Usage: node --import tsx guardian.ts <ferretdb binary> [args...]
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

const [binary, ...args] = process.argv.slice(2);
if (!binary) {
  process.stderr.write("guardian: missing FerretDB binary path\n");
  process.exit(2);
}

const launcherPid = process.ppid;
const child = spawn(binary, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  // FerretDB stops in well under a second; a hung one is killed rather than left behind.
  setTimeout(() => child.kill("SIGKILL"), 5000).unref();
}

// A throwaway database's folder goes with it, also when the launcher was killed.
const cleanupDir = process.env.GUARDIAN_CLEANUP_DIR;

child.on("exit", (code, signal) => {
  if (cleanupDir) rmSync(cleanupDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
child.on("error", (error) => {
  process.stderr.write(`guardian: cannot start ${binary}: ${error.message}\n`);
  process.exit(1);
});

process.stdin.on("end", () => stop("SIGTERM"));
process.stdin.on("close", () => stop("SIGTERM"));
process.stdin.on("error", () => stop("SIGTERM"));
process.stdin.resume();
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGHUP", () => stop("SIGTERM"));
// Belt and braces: if we were re-parented, the launcher is gone.
setInterval(() => {
  if (process.ppid !== launcherPid) stop("SIGTERM");
}, 1000).unref();
