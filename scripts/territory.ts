/**
 * Territory from the command line:
 *   npm run territory -- import <file.geojson> [--dry-run]   validate, then import (update by code)
 *   npm run territory -- export [--out <file>]               the whole territory as GeoJSON
 *   npm run territory -- demo [--seed <n>] [--out <file>]    write the generated demo city
 * Uses MONGODB_URI when set, else the embedded database in DATA_DIR (stop `npm start` first:
 * two FerretDB processes must not share its files).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { exportTerritory } from "@gridrisk/server/commands/territoryExporter";
import { importTerritory } from "@gridrisk/server/commands/territoryImporter";
import { connectDatabase, disconnectDatabase } from "@gridrisk/server/database/connection";
import { ensureIndexes } from "@gridrisk/server/database/ensureIndexes";
import { configureLogging } from "@gridrisk/server/logging/logger";
import "@gridrisk/server/models";
import { generateDemoCity } from "@gridrisk/server/territory/demoCity/generateDemoCity";
import { reloadTerritory } from "@gridrisk/server/territory/territoryCache";
import { launchDatabase } from "./db/databaseLauncher";
import { launchOptionsFromEnv } from "./db/launchOptionsFromEnv";
import { projectRoot } from "./projectPaths";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "dry-run": { type: "boolean" }, out: { type: "string" }, seed: { type: "string" } },
});
const [command, file] = positionals;
configureLogging({ level: "warn", format: "pretty" });

async function output(text: string): Promise<void> {
  if (values.out) await writeFile(path.resolve(values.out), text);
  else process.stdout.write(`${text}\n`);
}

if (command === "demo") {
  const features = generateDemoCity({ seed: Number(values.seed ?? 1) });
  await output(JSON.stringify({ type: "FeatureCollection", features }));
  process.exit(0);
}
if (command !== "import" && command !== "export") {
  process.stderr.write(
    "usage: npm run territory -- import <file> [--dry-run] | export [--out file] | demo [--seed n]\n",
  );
  process.exit(2);
}

const envFile = path.join(projectRoot, ".env");
try {
  process.loadEnvFile(envFile);
} catch {
  // no .env: defaults apply
}
const database = await launchDatabase(launchOptionsFromEnv(process.env, "app"));
let exitCode = 0;
try {
  await connectDatabase(database.uri);
  await ensureIndexes();
  await reloadTerritory();
  if (command === "export") {
    await output(JSON.stringify(await exportTerritory()));
  } else {
    if (!file) throw new Error("import needs a GeoJSON file");
    const body = JSON.parse(await readFile(path.resolve(file), "utf8")) as { type?: string; features?: unknown };
    if (body.type !== "FeatureCollection" || !Array.isArray(body.features)) {
      throw new Error(`${file} is not a GeoJSON FeatureCollection`);
    }
    const result = await importTerritory(body.features, { dryRun: Boolean(values["dry-run"]) });
    for (const issue of result.report.errors) process.stdout.write(`error    ${issue.message}\n`);
    for (const issue of result.report.warnings) process.stdout.write(`warning  ${issue.message}\n`);
    const counts = Object.entries(result.report.counts)
      .map(([level, count]) => `${count} ${level}`)
      .join(", ");
    process.stdout.write(
      result.report.ok
        ? `${result.dryRun ? "Dry run, nothing written: would create" : "Created"} ${result.created}, ` +
            `${result.dryRun ? "update" : "updated"} ${result.updated}, unchanged ${result.unchanged} (${counts}).\n`
        : `Refused: ${result.report.errors.length} error(s); nothing was imported.\n`,
    );
    if (!result.report.ok) exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  exitCode = 1;
} finally {
  await disconnectDatabase();
  await database.stop();
}
process.exit(exitCode);
