import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import mongoose from "mongoose";
import { findFreePort } from "../../scripts/db/databaseLauncher";
import { request } from "../helpers/http";
import { spawnTs, waitUntil } from "../helpers/processes";
import { testDatabaseUri, useTestDatabase } from "../helpers/testDatabase";
import { startTestServer, TEST_TOKEN_SECRET } from "../helpers/testServer";

/** Sends the headers of a POST now and its body when `finish` is called; resolves with the response. */
function slowPost(port: number): { finish: () => void; response: Promise<{ status: number; body: string }> } {
  const req = http.request({
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/api/slow-upload",
    headers: { "Content-Type": "application/json", "Content-Length": "12" },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
  });
  req.write('{"a":');
  req.flushHeaders();
  return { finish: () => req.end('"slow"}'), response };
}

describe("graceful shutdown", () => {
  useTestDatabase();

  it("finishes an in-flight request, then refuses new connections and closes the database", async () => {
    const server: RunningServer = await startTestServer();
    const port = (server.httpServer.address() as AddressInfo).port;
    const inFlight = slowPost(port);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await request(`${server.url}/healthz`).then(
      () => "answered",
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );
    expect(refused).to.equal("ECONNREFUSED");

    inFlight.finish();
    const { status, body } = await inFlight.response;
    // The request was served to the end by the app (no route there: a JSON 404), not cut off.
    expect(status).to.equal(404);
    expect(JSON.parse(body).error.code).to.equal("route_not_found");
    await closing;
    expect(mongoose.connection.readyState).to.equal(0);
  });

  it("exits with code 0 on SIGTERM (real server process)", async function () {
    this.timeout(30_000);
    const port = await findFreePort();
    const child = spawnTs("server/src/main.ts", {
      NODE_ENV: "test",
      MONGODB_URI: testDatabaseUri("shutdown_process"),
      PORT: String(port),
      TOKEN_SECRET: TEST_TOKEN_SECRET,
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await waitUntil(
      async () => (await request(`http://127.0.0.1:${port}/readyz`).catch(() => ({ status: 0 }))).status === 200,
      20_000,
      "server readiness",
    );
    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), 10_000))]);
    expect(code).to.equal(0);
    const messages = output
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).message);
    expect(messages).to.include.members(["signal received", "shutting down", "stopped"]);
  });
});
