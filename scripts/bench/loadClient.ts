import { type ChildProcess, fork } from "node:child_process";
import autocannon from "autocannon";

/** What a load run measured. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** Drives `url` with keep-alive connections for `seconds` (after a warm-up of its own). */
export async function drive(
  url: string,
  options: { seconds?: number; connections?: number; headers?: Record<string, string> } = {},
): Promise<LoadFigures> {
  const run = (duration: number) =>
    autocannon({ url, connections: options.connections ?? 50, duration, headers: options.headers ?? {} });
  await run(2);
  const result = await run(options.seconds ?? 10);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Starts this same file as a child process with `role` as its argument and resolves with the
 * first message the child sends (its URL and whatever else it reports), so that the server under
 * load runs in a process of its own and the load generator does not share its event loop.
 */
export function startTarget<T>(file: string, role: string): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(file, [role], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (ready) => resolve({ child, ready: ready as T }));
    child.once("exit", (code) => reject(new Error(`${role} exited with ${code} before it was ready`)));
  });
}

/** Stops a target started with startTarget. */
export function stopTarget(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * Runs `file` as a child process with the argument "load", sends it `orders` and resolves with
 * the one answer it sends back (see `answerOrders`), then stops it.
 */
export async function inChild<Orders, Result>(file: string, orders: Orders): Promise<Result> {
  const { child } = await startTarget<"ready">(file, "load");
  const result = new Promise<Result>((resolve) => child.once("message", (message) => resolve(message as Result)));
  child.send(orders as object);
  const measured = await result;
  await stopTarget(child);
  return measured;
}

/** In a child started by `inChild`: answers the orders with what `work` makes of them. */
export function answerOrders<Orders, Result>(work: (orders: Orders) => Promise<Result>): void {
  if (process.argv[2] !== "load" || !process.send) return;
  process.on("message", async (orders: Orders) => {
    process.send?.(await work(orders));
  });
  process.send("ready");
}
