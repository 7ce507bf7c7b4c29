/**
 * A load generator in a process of its own for sequences of requests: each queue's requests go in
 * order (an event's actions depend on the one before), `concurrency` queues at a time, over
 * keep-alive connections. The first `concurrency` queues warm up; the rest are timed. Started by
 * `actionLoad()`; run as a child, it waits for its orders on IPC and answers with what it measured.
 */
import http from "node:http";
import { fileURLToPath } from "node:url";
import { runConcurrently } from "./benchServer";
import { answerOrders, inChild } from "./loadClient";

/** One request: POSTed as JSON with the bearer token; `expect` is the status that counts as success. */
export interface QueuedRequest {
  path: string;
  body: unknown;
  expect: number;
}

export interface ActionLoadOrders {
  url: string;
  token: string;
  queues: QueuedRequest[][];
  concurrency: number;
}

/** Latency of each timed request, the timed part's wall time, and the requests answered otherwise. */
export interface ActionLoadResult {
  latenciesMs: number[];
  seconds: number;
  failures: number;
}

function post(agent: http.Agent, url: URL, token: string, request: QueuedRequest): Promise<number> {
  const body = JSON.stringify(request.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(request.path, url),
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function sendAll(orders: ActionLoadOrders): Promise<ActionLoadResult> {
  const url = new URL(orders.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: orders.concurrency });
  let failures = 0;
  const run = async (queues: QueuedRequest[][], timed: number[] | undefined) =>
    runConcurrently(queues.length, orders.concurrency, async (index) => {
      for (const request of queues[index] ?? []) {
        const started = performance.now();
        const status = await post(agent, url, orders.token, request);
        timed?.push(performance.now() - started);
        if (status !== request.expect) failures += 1;
      }
    });
  await run(orders.queues.slice(0, orders.concurrency), undefined);
  const latenciesMs: number[] = [];
  const started = performance.now();
  await run(orders.queues.slice(orders.concurrency), latenciesMs);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { latenciesMs, seconds, failures };
}

/** Runs `orders` in a child process and resolves with what it measured. */
export function actionLoad(orders: ActionLoadOrders): Promise<ActionLoadResult> {
  return inChild(fileURLToPath(import.meta.url), orders);
}

answerOrders(sendAll);
