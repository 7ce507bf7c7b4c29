import { notFound } from "../errors";
import { territory } from "../territory/territoryCache";
import type { RegionSummary } from "../territory/territoryRegistry";
import type { Actor } from "./actor";
import { authorize, isWithinTerritory } from "./territoryPolicy";

/**
 * The region whose figures and map the actor asks for: the one named (which must lie inside
 * their territory, else 404), or their own scope region. 403 for roles that may not watch.
 */
export function watchedRegion(actor: Actor, regionId: string | undefined): RegionSummary {
  authorize(actor, "read", "metrics");
  const registry = territory();
  const id = regionId ?? actor.scope[0];
  const region = id ? registry.get(id) : undefined;
  if (!region || !isWithinTerritory(actor, [...region.ancestors, region.id])) throw notFound(`Region ${id ?? ""}`);
  return region;
}

/** Whether a place (city … grid ids) lies inside the region at depth `depth` of the path. */
export function liesIn(regionPath: readonly string[], region: RegionSummary): boolean {
  return regionPath[region.ancestors.length] === region.id;
}
