import path from "node:path";
import { ConfigError, loadConfig } from "@gridrisk/server/env";
import { expect } from "chai";

const VALID = { MONGODB_URI: "mongodb://127.0.0.1:27017/gridrisk" };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const config = loadConfig(VALID);
    expect(config).to.include({
      nodeEnv: "development",
      port: 3000,
      host: "127.0.0.1",
      logLevel: "info",
      demoPassword: "demo-password",
      trustProxy: false,
      shutdownTimeoutMs: 10_000,
    });
    expect(config.dataDir).to.equal(path.resolve("data"));
    expect(config.redisUrl).to.equal(undefined);
    expect(config.tokenSecret).to.equal(undefined);
  });

  it("reads every variable it knows", () => {
    const config = loadConfig({
      ...VALID,
      NODE_ENV: "production",
      PORT: "8080",
      HOST: "0.0.0.0",
      DATA_DIR: "/var/lib/gridrisk",
      REDIS_URL: "redis://127.0.0.1:6379",
      LOG_LEVEL: "debug",
      LOG_FORMAT: "json",
      DEMO_PASSWORD: "another-password",
      TOKEN_SECRET: "x".repeat(40),
      TRUST_PROXY: "true",
      SHUTDOWN_TIMEOUT_MS: "2500",
    });
    expect(config).to.include({
      nodeEnv: "production",
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/var/lib/gridrisk",
      redisUrl: "redis://127.0.0.1:6379",
      logLevel: "debug",
      logFormat: "json",
      demoPassword: "another-password",
      trustProxy: true,
      shutdownTimeoutMs: 2500,
    });
  });

  it("lists every bad variable, one line each, naming it and what was given", () => {
    const problems = problemsOf({
      PORT: "eighty",
      LOG_LEVEL: "loud",
      REDIS_URL: "localhost:6379",
      DEMO_PASSWORD: "short",
    });
    expect(problems).to.have.length(5);
    expect(problems.find((line) => line.startsWith("MONGODB_URI "))).to.match(/is required/);
    expect(problems.find((line) => line.startsWith("PORT "))).to.include('(got "eighty")');
    expect(problems.find((line) => line.startsWith("LOG_LEVEL "))).to.include('(got "loud")');
    expect(problems.find((line) => line.startsWith("REDIS_URL "))).to.include("must start with redis://");
    expect(problems.find((line) => line.startsWith("DEMO_PASSWORD "))).to.include("at least 10 characters");
  });

  it("requires a token secret in production and never echoes a secret", () => {
    expect(problemsOf({ ...VALID, NODE_ENV: "production" })).to.deep.equal([
      "TOKEN_SECRET is required when NODE_ENV=production",
    ]);
    const [line] = problemsOf({ ...VALID, TOKEN_SECRET: "too-short-secret" });
    expect(line).to.equal("TOKEN_SECRET must be at least 32 characters");
  });

  it("checks a map tile URL template", () => {
    const config = loadConfig({
      ...VALID,
      MAP_TILE_URL: "https://tiles.example/{z}/{x}/{y}.png",
      MAP_TILE_ATTRIBUTION: "© OSM",
    });
    expect(config).to.include({ mapTileUrl: "https://tiles.example/{z}/{x}/{y}.png", mapTileAttribution: "© OSM" });
    expect(problemsOf({ ...VALID, MAP_TILE_URL: "https://tiles.example/tile.png" })).to.deep.equal([
      'MAP_TILE_URL must contain {z}, {x} and {y} (got "https://tiles.example/tile.png")',
    ]);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ ...VALID, PORT: "", REDIS_URL: "" })).to.include({ port: 3000, redisUrl: undefined });
  });

  it("rejects a port out of range and a URI of another scheme", () => {
    const problems = problemsOf({ MONGODB_URI: "postgres://x", PORT: "70000" });
    expect(problems).to.have.length(2);
    expect(problems.join("\n")).to.match(/MONGODB_URI must start with mongodb:\/\//);
    expect(problems.join("\n")).to.match(/PORT .*70000/);
  });
});
