/**
 * The `_id` lookup indexer for FerretDB's SQLite backend (scripts/db/sqliteIdIndex, in Go): why
 * it exists is told in its main.go and in docs/database.md. Built with Go on first use, like
 * FerretDB itself, into a cache keyed by its source so an edited source is rebuilt.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../projectPaths";
import { findGo, isExecutable, run } from "./goToolchain";

const SOURCE_DIR = path.join(projectRoot, "scripts", "db", "sqliteIdIndex");
const SOURCE_FILES = ["main.go", "go.mod", "go.sum"];
const CACHE_DIR = path.join(projectRoot, ".cache", "sqlite-id-index");

async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of SOURCE_FILES) hash.update(await readFile(path.join(SOURCE_DIR, file)));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The indexer's binary, built if needed; undefined (with a warning) when Go is missing: the
 * database then works as FerretDB ships it, with every `_id` lookup scanning its table.
 */
export async function ensureSqliteIdIndexBinary(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const binary = path.join(CACHE_DIR, await sourceHash(), "sqlite-id-index");
  if (await isExecutable(binary)) return binary;
  const go = await findGo(env);
  if (!go) {
    process.stderr.write("Go is not installed: FerretDB's SQLite tables get no _id lookup index (slower lookups).\n");
    return undefined;
  }
  process.stderr.write("Building the SQLite _id lookup indexer with Go (once)...\n");
  await run(go, ["build", "-buildvcs=false", "-trimpath", "-o", binary, "."], {
    cwd: SOURCE_DIR,
    env: { ...process.env, GOFLAGS: "-mod=mod" },
  });
  return binary;
}
