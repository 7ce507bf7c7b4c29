import { type Resource, type ResourceAction, roleMay } from "@gridrisk/shared";
import { forbidden, notFound } from "../errors";
import type { RegionSummary } from "../territory/territoryRegistry";
import type { Actor } from "./actor";

/**
 * The one policy module: may this actor take this action on this object? Every route asks it,
 * and so will the Socket.IO rooms. Role first (never allowed → 403), then territory (outside →
 * 404, so that the object's existence does not leak).
 */

/** Whether an object whose region path (city … its own region) is `regionPath` lies in the actor's territory. */
export function isWithinTerritory(actor: Actor, regionPath: readonly string[]): boolean {
  return regionPath.some((id) => actor.scope.includes(id));
}

/**
 * Whether the actor may see a region: one inside their territory, or an ancestor of it (so that a
 * grid worker can read the names of their community, township, district and city).
 */
export function canSeeRegion(actor: Actor, region: RegionSummary, scopeRegions: readonly RegionSummary[]): boolean {
  if (isWithinTerritory(actor, [...region.ancestors, region.id])) return true;
  return scopeRegions.some((scopeRegion) => scopeRegion.ancestors.includes(region.id));
}

/** The object an action targets, when it has a place. */
export interface TerritoryTarget {
  /** Ids from the city down to the object's own region. */
  regionPath: readonly string[];
  /** What to call it in a 404, e.g. "Institution 6650…". */
  label: string;
}

/**
 * Throws 403 when the role may never take `action` on `resource`, 404 when the target lies
 * outside the actor's territory. Returns quietly when allowed.
 */
export function authorize(actor: Actor, action: ResourceAction, resource: Resource, target?: TerritoryTarget): void {
  if (!roleMay(actor.role, action, resource)) {
    throw forbidden(`The role ${actor.role} may not ${action} ${resource}s.`);
  }
  if (target && !isWithinTerritory(actor, target.regionPath)) throw notFound(target.label);
}
