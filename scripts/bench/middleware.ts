/**
 * Benchmark: requests per second of the app's whole middleware stack (request id, request log,
 * security headers, JSON body parser, API router) on a JSON route that reads no database
 * (GET /api/client-config), against a bare `node:http` server answering the same JSON, and plain
 * Express 5 with one route as a reference. Each server runs alone in a child process; the load
 * (autocannon, 50 keep-alive connections) comes from this process.
 * Target: the app's stack at ≥ 0.25× bare node:http.
 * The app logs every request as in production (JSON at level info) to a stdout nobody reads.
 * Run: npm run bench:middleware   (BENCH_SECONDS to vary)
 */

import { mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "@gridrisk/server/app";
import { loadConfig } from "@gridrisk/server/env";
import { configureLogging } from "@gridrisk/server/logging/logger";
import express from "express";
import { report } from "./benchReport";
import { drive, startTarget, stopTarget } from "./loadClient";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BODY = { map: {} };

type Ready = { url: string };

async function serve(role: string): Promise<void> {
  let server: http.Server;
  if (role === "bare") {
    const json = JSON.stringify(BODY);
    server = http.createServer((_req, res) => {
      res.writeHead(200, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": Buffer.byteLength(json),
      });
      res.end(json);
    });
  } else if (role === "express") {
    const app = express();
    app.get("/api/client-config", (_req, res) => {
      res.json(BODY);
    });
    server = http.createServer(app);
  } else {
    configureLogging({ level: "info", format: "json" });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gridrisk-bench-"));
    // The route reads no database: the URI is required by the configuration but never connected.
    const config = loadConfig({
      NODE_ENV: "production",
      PORT: "0",
      DATA_DIR: dataDir,
      MONGODB_URI: "mongodb://127.0.0.1:9/unused",
      TOKEN_SECRET: "x".repeat(40),
    });
    server = http.createServer(
      createApp({
        config,
        clientDistDir: dataDir,
        version: "bench",
        tokenSecret: config.tokenSecret ?? "x".repeat(40),
      }),
    );
  }
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address() as { port: number };
    process.send?.({ url: `http://127.0.0.1:${address.port}/api/client-config` } satisfies Ready);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

async function measure(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const figures: Record<string, Awaited<ReturnType<typeof drive>>> = {};
  for (const role of ["bare", "express", "app"]) {
    const { child, ready } = await startTarget<Ready>(self, role);
    figures[role] = await drive(ready.url, { seconds: SECONDS });
    await stopTarget(child);
  }
  const rate = (role: string) => figures[role]?.requestsPerSecond ?? 0;
  const ratio = rate("app") / rate("bare");
  const failures = Object.values(figures).reduce((sum, figure) => sum + figure.non2xx + figure.errors, 0);
  await report(
    {
      seconds: SECONDS,
      connections: 50,
      bare: figures.bare,
      plainExpress: figures.express,
      appStack: figures.app,
      failures,
      expressRatio: Math.round((rate("express") / rate("bare")) * 100) / 100,
      appRatio: Math.round(ratio * 100) / 100,
    },
    `middleware: the app's stack ${rate("app")}/s vs bare node:http ${rate("bare")}/s = ${ratio.toFixed(2)}× (plain Express ${(rate("express") / rate("bare")).toFixed(2)}×; target ≥ 0.25×) ${ratio >= 0.25 && failures === 0 ? "MET" : "MISSED"}`,
  );
}

const role = process.argv[2];
if (role) await serve(role);
else {
  await measure();
  process.exit(0);
}
