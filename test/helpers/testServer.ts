import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Config, loadConfig } from "@gridrisk/server/env";
import { type RunningServer, startServer } from "@gridrisk/server/server";

/** A token secret for tests only. */
export const TEST_TOKEN_SECRET = "test-secret-test-secret-test-secret-0123";

/** A configuration as the server would read it, with test defaults and `overrides`. */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    MONGODB_URI: process.env.TEST_MONGODB_URI ?? "mongodb://127.0.0.1:1/unset",
    TOKEN_SECRET: TEST_TOKEN_SECRET,
    SHUTDOWN_TIMEOUT_MS: "3000",
    ...overrides,
  });
}

/** A script big enough to be worth compressing (about 30 KB). */
export const FAKE_VENDOR_SCRIPT = Array.from(
  { length: 600 },
  (_, n) => `export const value${n} = "网格化风险事件 ${n}";`,
).join("\n");

/** A folder that looks like a client build: index.html and two hashed assets. */
export async function fakeClientBuild(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-client-"));
  await mkdir(path.join(dir, "assets"));
  await writeFile(path.join(dir, "index.html"), "<!doctype html><title>网格化风险事件管理</title><div id=root></div>");
  await writeFile(path.join(dir, "assets", "app-1234.js"), "console.log('app')");
  await writeFile(path.join(dir, "assets", "vendor-5678.js"), FAKE_VENDOR_SCRIPT);
  return dir;
}

/** Starts the real server on a free port against the file's test database. */
export async function startTestServer(
  options: { mongodbUri?: string; env?: NodeJS.ProcessEnv; jobs?: boolean } = {},
): Promise<RunningServer> {
  const config = testConfig({ ...(options.mongodbUri ? { MONGODB_URI: options.mongodbUri } : {}), ...options.env });
  return startServer({
    config,
    clientDistDir: await fakeClientBuild(),
    version: "test",
    waitForDatabase: true,
    ...(options.jobs === false ? { jobs: false } : {}),
  });
}
