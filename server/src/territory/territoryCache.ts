import { pollForChanges } from "../jobs/changePolling";
import { createLogger } from "../logging/logger";
import { type RegionDoc, RegionModel } from "../models/region";
import { readTerritoryVersion } from "../models/territoryState";
import { TerritoryRegistry } from "./territoryRegistry";

const log = createLogger("territory");

let current = new TerritoryRegistry([], -1);
let loading: Promise<TerritoryRegistry> | undefined;
const movedListeners = new Set<(movedIds: string[]) => void>();

/**
 * Calls `listener` with the ids of regions that a reload found under another parent than before
 * (their records' region paths were rewritten by the import): what this process keeps of those
 * records (cached events, figures) is stale. Returns how to stop listening.
 */
export function onRegionsMoved(listener: (movedIds: string[]) => void): () => void {
  movedListeners.add(listener);
  return () => movedListeners.delete(listener);
}

/** Regions of `after` whose parent is not the one they had in `before`. */
function movedBetween(before: TerritoryRegistry, after: TerritoryRegistry): string[] {
  const moved: string[] = [];
  for (const region of after.all()) {
    const previous = before.get(region.id);
    if (previous && previous.ancestors.join() !== region.ancestors.join()) moved.push(region.id);
  }
  return moved;
}

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
    const previous = current;
    current = new TerritoryRegistry(regions, version);
    log.info("territory loaded", { regions: current.size, version, durationMs: Date.now() - started });
    const moved = previous.version === -1 ? [] : movedBetween(previous, current);
    if (moved.length) {
      log.info("regions moved to another parent", { regions: moved.length });
      for (const listener of movedListeners) listener(moved);
    }
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
