import { pollForChanges } from "../jobs/changePolling";
import { createLogger } from "../logging/logger";
import { type RegionDoc, RegionModel } from "../models/region";
import { readTerritoryVersion } from "../models/territoryState";
import { TerritoryRegistry } from "./territoryRegistry";

const log = createLogger("territory");

let current = new TerritoryRegistry([], -1);
let loading: Promise<TerritoryRegistry> | undefined;

/** The territory as last loaded (empty before the first load). */
export function territory(): TerritoryRegistry {
  return current;
}

/** Whether the territory has been loaded since the process started. */
export function territoryLoaded(): boolean {
  return current.version !== -1;
}

/** Loads every region from the database and swaps the in-memory territory. */
export function reloadTerritory(): Promise<TerritoryRegistry> {
  loading ??= (async () => {
    const started = Date.now();
    const version = await readTerritoryVersion();
    const regions = (await RegionModel.find({}).lean()) as RegionDoc[];
    current = new TerritoryRegistry(regions, version);
    log.info("territory loaded", { regions: current.size, version, durationMs: Date.now() - started });
    return current;
  })().finally(() => {
    loading = undefined;
  });
  return loading;
}

/** Reloads when another instance (or this one) changed the territory since the last load. */
export async function reloadTerritoryIfChanged(): Promise<boolean> {
  const version = await readTerritoryVersion();
  if (version === current.version) return false;
  await reloadTerritory();
  return true;
}

/**
 * Polls the territory version so that every instance picks up an import made on another one.
 * Returns a function that stops the polling.
 */
export function watchTerritory(intervalMs: number): () => void {
  return pollForChanges("territory", reloadTerritoryIfChanged, intervalMs, log);
}
