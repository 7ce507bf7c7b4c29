/**
 * A load generator in a process of its own: sends `total` reports through POST /api/events with
 * `concurrency` clients, so that the server under test keeps its event loop to itself (as it
 * would in production, where the clients are phones). Started by `reportLoad()` below; run as a
 * child, it waits for its orders on IPC and answers with what it measured.
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { ReportFields } from "./benchServer";
import { answerOrders, inChild } from "./loadClient";

/** What the load generator is told to send. */
export interface ReportLoadOrders {
  url: string;
  token: string;
  places: [number, number][];
  total: number;
  concurrency: number;
  fields: ReportFields;
}

/** What it measured: wall time of the whole load, latency percentiles, and answers other than 2xx. */
export interface ReportLoadResult {
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

/**
 * Sends the reports with autocannon: keep-alive connections and requests written straight to the
 * socket, so that the generator's own cost per report stays far below the server's (fetch cost
 * the generator more CPU than the server spent, on a machine whose cores the server and the
 * database share with it).
 */
async function sendAll(orders: ReportLoadOrders): Promise<ReportLoadResult> {
  let sent = 0;
  const started = performance.now();
  const options: autocannon.Options = {
    url: orders.url,
    connections: orders.concurrency,
    amount: orders.total,
    requests: [
      {
        method: "POST",
        path: "/api/events",
        setupRequest: (request) => {
          const index = sent++;
          return {
            ...request,
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${orders.token}`,
              "idempotency-key": randomUUID(),
            },
            body: JSON.stringify({
              ...orders.fields,
              title: `${orders.fields.title} ${index}`,
              location: { type: "Point", coordinates: orders.places[index % orders.places.length] },
            }),
          };
        },
      },
    ],
  };
  // autocannon notices that the last answer came only at its next one-second tick: time the
  // load from the first request to the last answer instead.
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on("response", () => {
      lastAnswer = performance.now();
    });
  });
  const answered = result.requests.total;
  return {
    seconds: (lastAnswer - started) / 1000,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts + Math.max(0, orders.total - answered),
  };
}

/** Runs `orders` in a child process and resolves with what it measured. */
export function reportLoad(orders: ReportLoadOrders): Promise<ReportLoadResult> {
  return inChild(fileURLToPath(import.meta.url), orders);
}

answerOrders(sendAll);
