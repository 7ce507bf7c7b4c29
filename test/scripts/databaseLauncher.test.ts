import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { MongoClient } from "mongodb";
import pg from "pg";
import { findFreePort, launchDatabase, waitForPing } from "../../scripts/db/databaseLauncher";
import { ensureFerretdbBinary, MissingToolError } from "../../scripts/db/ferretdbBinary";
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
