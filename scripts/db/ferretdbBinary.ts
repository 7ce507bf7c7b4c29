import { chmod, cp, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../projectPaths";
import { findGo, isExecutable, MissingToolError, onPath, run } from "./goToolchain";

export { MissingToolError };

/** The FerretDB release this project is tested against. */
export const FERRETDB_VERSION = "v1.24.2";
const MODULE = "github.com/FerretDB/FerretDB";

/** Where a FerretDB built by this project is kept (gitignored). */
export const DEFAULT_FERRETDB_CACHE_DIR = path.join(projectRoot, ".cache", "ferretdb", FERRETDB_VERSION);

/**
 * Builds FerretDB from its released module source.
 *
 * A plain `go install ${MODULE}/cmd/ferretdb@${FERRETDB_VERSION}` produces a binary that panics at
 * start ("Invalid build/version/version.txt file content"), because the module as published lacks
 * the generated version file. So the same module is fetched through the Go module proxy
 * (`go mod download`), copied, given its version file, and built with `go build`.
 */
async function buildFerretdb(go: string, cacheDir: string): Promise<string> {
  const cachedBinary = path.join(cacheDir, "bin", "ferretdb");
  const started = Date.now();
  process.stderr.write(
    `FerretDB ${FERRETDB_VERSION} is not built yet; building it with Go (the first build takes a few minutes)...\n`,
  );
  const info = JSON.parse(await run(go, ["mod", "download", "-json", `${MODULE}@${FERRETDB_VERSION}`], {})) as {
    Dir?: string;
    Error?: string;
  };
  if (!info.Dir) throw new Error(`go mod download failed: ${info.Error ?? "no module directory"}`);
  const sourceDir = path.join(cacheDir, "src");
  await rm(sourceDir, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true });
  await cp(info.Dir, sourceDir, { recursive: true });
  await chmod(path.join(sourceDir, "build", "version"), 0o755);
  await writeFile(path.join(sourceDir, "build", "version", "version.txt"), `${FERRETDB_VERSION}\n`);
  await writeFile(path.join(sourceDir, "build", "version", "package.txt"), "gridrisk\n");
  await run(go, ["build", "-v", "-buildvcs=false", "-trimpath", "-o", cachedBinary, "./cmd/ferretdb"], {
    cwd: sourceDir,
    env: { ...process.env, GOFLAGS: "-mod=mod" },
  });
  await rm(sourceDir, { recursive: true, force: true });
  process.stderr.write(`FerretDB built in ${Math.round((Date.now() - started) / 1000)} s: ${cachedBinary}\n`);
  return cachedBinary;
}

/** Where to look; each defaults to this machine's real setting. */
export interface BinaryLookup {
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  goLocations?: string[];
}

/**
 * Finds a FerretDB binary: FERRETDB_BIN, then the project cache, then PATH; builds one if none is found.
 * Throws MissingToolError with instructions when Go is needed but absent.
 */
export async function ensureFerretdbBinary(lookup: BinaryLookup = {}): Promise<string> {
  const env = lookup.env ?? process.env;
  const cacheDir = lookup.cacheDir ?? DEFAULT_FERRETDB_CACHE_DIR;
  const fromEnv = env.FERRETDB_BIN;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return fromEnv;
    throw new MissingToolError(`FERRETDB_BIN=${fromEnv} is not an executable file.`);
  }
  const cachedBinary = path.join(cacheDir, "bin", "ferretdb");
  if (await isExecutable(cachedBinary)) return cachedBinary;
  const onSystem = await onPath("ferretdb", env.PATH ?? "");
  if (onSystem) return onSystem;
  const go = await findGo(env, lookup.goLocations);
  if (!go) {
    throw new MissingToolError(
      `No FerretDB binary was found and Go is not installed to build one.\n` +
        `Either install Go 1.22 or newer (https://go.dev/dl/) and run this again, ` +
        `or set MONGODB_URI to a running MongoDB-compatible server (MongoDB 6 or newer, or FerretDB).`,
    );
  }
  return buildFerretdb(go, cacheDir);
}
