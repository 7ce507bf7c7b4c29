import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { MongoClient } from "mongodb";
import pg from "pg";
import { findFreePort, launchDatabase, waitForPing } from "../../scripts/db/databaseLauncher";
import { ensureFerretdbBinary, MissingToolError } from "../../scripts/db/ferretdbBinary";
import { ensureSqliteIdIndexBinary } from "../../scripts/db/sqliteIdIndexBinary";
import { firstLine, isAlive, spawnTs, waitUntil } from "../helpers/processes";

const POSTGRES_URL = process.env.POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/gridrisk";

async function withClient<T>(uri: string, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.close();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: POSTGRES_URL.replace(/\/[^/]*$/, "/postgres"),
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe("database launcher", function () {
  this.timeout(60_000);

  it("uses MONGODB_URI as given and starts nothing", async () => {
    const database = await launchDatabase({
      mongodbUri: "mongodb://db.example:27017/prod",
      backend: "sqlite",
      databaseName: "ignored",
    });
    expect(database).to.include({ uri: "mongodb://db.example:27017/prod", external: true });
    expect(database.ferretdbPid).to.equal(undefined);
    await database.stop();
  });

  it("keeps SQLite data across a restart on the same data folder", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-persist-"));
    try {
      const first = await launchDatabase({ backend: "sqlite", dataDir, databaseName: "persist" });
      await withClient(first.uri, (client) => client.db().collection("notes").insertOne({ text: "before restart" }));
      await first.stop();
      expect(isAlive(first.ferretdbPid ?? -1)).to.equal(false);
      const second = await launchDatabase({ backend: "sqlite", dataDir, databaseName: "persist" });
      const found = await withClient(second.uri, (client) => client.db().collection("notes").findOne({}));
      await second.stop();
      expect(found?.text).to.equal("before restart");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe("_id lookups on SQLite", () => {
    /** SQLite's plan for FerretDB's own `_id` lookup, per collection of the folder. */
    async function lookupPlans(sqliteDir: string): Promise<Record<string, string>> {
      const binary = await ensureSqliteIdIndexBinary();
      expect(binary, "the indexer needs Go to build").to.be.a("string");
      const lines = execFileSync(binary as string, ["-dir", sqliteDir, "-explain"])
        .toString()
        .trim()
        .split("\n");
      const plans: Record<string, string> = {};
      for (const line of lines.filter(Boolean)) {
        const { database, collection, plan } = JSON.parse(line) as Record<string, string>;
        plans[`${database}.${collection}`] = plan as string;
      }
      return plans;
    }

    it("are served by an index on every collection, also one dropped and made again", async () => {
      const database = await launchDatabase({ backend: "sqlite", databaseName: "lookups" });
      try {
        const sqliteDir = database.sqliteDir as string;
        await withClient(database.uri, async (client) => {
          const db = client.db();
          await db.collection("events").insertMany([{ _id: "a", n: 1 } as never, { _id: "b", n: 2 } as never]);
          await db.collection("claims").insertOne({ _id: "a:1" } as never);
          await waitUntil(
            async () =>
              Object.values(await lookupPlans(sqliteDir)).filter((plan) => plan.includes("__id_lookup")).length === 2,
            10_000,
            "both tables indexed",
          );
          await db.collection("events").drop();
          await db.collection("events").insertOne({ _id: "c", n: 3 } as never);
          await waitUntil(
            async () => (await lookupPlans(sqliteDir))["lookups.events"]?.includes("__id_lookup") ?? false,
            10_000,
            "the re-created table indexed",
          );
          // FerretDB still finds, updates and deletes by _id through the index.
          expect(await db.collection("events").findOne({ _id: "c" } as never)).to.deep.include({ n: 3 });
          await db.collection("events").updateOne({ _id: "c" } as never, { $set: { n: 4 } });
          expect(await db.collection("events").findOne({ _id: "c" } as never)).to.deep.include({ n: 4 });
          await db.collection("claims").deleteOne({ _id: "a:1" } as never);
          expect(await db.collection("claims").countDocuments()).to.equal(0);
        });
        const plans = await lookupPlans(sqliteDir);
        expect(plans["lookups.events"]).to.match(/^SEARCH .* USING INDEX \S+__id_lookup/);
        expect(plans["lookups.claims"]).to.match(/^SEARCH .* USING INDEX \S+__id_lookup/);
      } finally {
        await database.stop();
      }
    });

    it("scan the whole table in FerretDB as it ships (without the indexer)", async () => {
      const database = await launchDatabase({ backend: "sqlite", databaseName: "scans", sqliteIdIndex: false });
      try {
        await withClient(database.uri, (client) =>
          client
            .db()
            .collection("events")
            .insertOne({ _id: "a" } as never),
        );
        const plans = await lookupPlans(database.sqliteDir as string);
        expect(plans["scans.events"]).to.match(/^SCAN /);
      } finally {
        await database.stop();
      }
    });
  });

  it("leaves no FerretDB behind when the launching process is killed with SIGKILL", async () => {
    const child = spawnTs("test/fixtures/launchAndHang.ts");
    const { uri, ferretdbPid } = JSON.parse(await firstLine(child, 30_000)) as { uri: string; ferretdbPid: number };
    expect(ferretdbPid).to.be.a("number");
    expect(isAlive(ferretdbPid)).to.equal(true);
    await waitForPing(uri, 5000);
    child.kill("SIGKILL");
    const took = await waitUntil(() => !isAlive(ferretdbPid), 8000, "FerretDB exit after its launcher died");
    expect(took).to.be.below(8000);
  });

  it("says clearly when the database does not answer in time", async () => {
    const port = await findFreePort();
    let message = "";
    await waitForPing(`mongodb://127.0.0.1:${port}/x`, 600).catch((error: Error) => {
      message = error.message;
    });
    expect(message).to.match(
      new RegExp(`^The database at mongodb://127\\.0\\.0\\.1:${port}/x did not answer a ping within 600 ms`),
    );
  });

  it("tells what to install when there is neither FerretDB nor Go", async () => {
    const emptyDir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-nogo-"));
    try {
      let caught: unknown;
      await ensureFerretdbBinary({ env: { PATH: emptyDir }, cacheDir: emptyDir, goLocations: [] }).catch((error) => {
        caught = error;
      });
      expect(caught).to.be.instanceOf(MissingToolError);
      expect((caught as Error).message)
        .to.include("install Go")
        .and.to.include("set MONGODB_URI");
    } finally {
      await rm(emptyDir, { recursive: true, force: true });
    }
  });

  it("runs on the PostgreSQL backend, creating the database and dropping a throwaway one", async function () {
    if (!(await postgresReachable())) this.skip();
    const database = await launchDatabase({
      backend: "postgresql",
      postgresUrl: POSTGRES_URL,
      databaseName: "backend_check",
    });
    await withClient(database.uri, async (client) => {
      await client.db().collection("notes").insertOne({ n: 1 });
      expect(await client.db().collection("notes").countDocuments()).to.equal(1);
    });
    const admin = new pg.Client({ connectionString: POSTGRES_URL.replace(/\/[^/]*$/, "/postgres") });
    await admin.connect();
    const exists = async () =>
      (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database.postgresDatabase])).rowCount;
    try {
      expect(database.postgresDatabase).to.match(/^gridrisk_tmp_/);
      expect(await exists()).to.equal(1);
      await database.stop();
      expect(await exists()).to.equal(0);
    } finally {
      await admin.end();
    }
  });
});
