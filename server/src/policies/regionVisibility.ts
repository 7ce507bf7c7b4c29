import { territory } from "../territory/territoryCache";
import type { RegionSummary } from "../territory/territoryRegistry";
import type { Actor } from "./actor";
import { canSeeRegion } from "./territoryPolicy";

/** The actor's scope regions as loaded in the territory. */
export function scopeRegionsOf(actor: Actor): RegionSummary[] {
  const registry = territory();
  return actor.scope.map((id) => registry.get(id)).filter((region): region is RegionSummary => region !== undefined);
}

/** Whether the actor may see the region with this id (see canSeeRegion). */
export function canSeeRegionId(actor: Actor, regionId: string): boolean {
  const region = territory().get(regionId);
  return region !== undefined && canSeeRegion(actor, region, scopeRegionsOf(actor));
}

/** Ids from the city down to the region itself; empty when the region is unknown. */
export function regionPathIds(regionId: string): string[] {
  return territory()
    .pathOf(regionId)
    .map((region) => region.id);
}
