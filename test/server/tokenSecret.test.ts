import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "@gridrisk/server/env";
import { resolveTokenSecret } from "@gridrisk/server/tokenSecret";
import { expect } from "chai";

describe("token secret", () => {
  let dataDir = "";
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "gridrisk-secret-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("is generated once in DATA_DIR and read back on the next start", async () => {
    const config = loadConfig({ MONGODB_URI: "mongodb://127.0.0.1/x", DATA_DIR: dataDir });
    const first = await resolveTokenSecret(config);
    const second = await resolveTokenSecret(config);
    expect(first).to.have.length.greaterThanOrEqual(32);
    expect(second).to.equal(first);
    expect((await readFile(path.join(dataDir, "token-secret"), "utf8")).trim()).to.equal(first);
    expect((await stat(path.join(dataDir, "token-secret"))).mode & 0o777).to.equal(0o600);
  });

  it("uses TOKEN_SECRET as given and writes nothing", async () => {
    const secret = "s".repeat(40);
    const config = loadConfig({ MONGODB_URI: "mongodb://127.0.0.1/x", DATA_DIR: dataDir, TOKEN_SECRET: secret });
    expect(await resolveTokenSecret(config)).to.equal(secret);
    const exists = await stat(path.join(dataDir, "token-secret")).then(
      () => true,
      () => false,
    );
    expect(exists).to.equal(false);
  });
});
