import { forbidden, notFound } from "../errors";
import type { Actor } from "../policies/actor";
import { authorize } from "../policies/territoryPolicy";
import { territory } from "../territory/territoryCache";

/**
 * Who may see who is online: the `presence` read permission of the one policy module (officers,
 * the city and district levels, supervisors) within the actor's territory; a department handler
 * sees its own department only.
 * Outside → 404, so that a region's or department's existence does not leak.
 */

/** Throws unless the actor may see presence in the township with this id. */
export function authorizeTownshipPresence(actor: Actor, townshipId: string): void {
  const township = territory().get(townshipId);
  const label = `Township ${townshipId}`;
  authorize(actor, "read", "presence");
  // A department handler sees who is on duty for its own department only.
  if (actor.role === "department_handler")
    throw forbidden("A department handler sees its own department's presence only.");
  if (township?.level !== "township") throw notFound(label);
  authorize(actor, "read", "presence", { regionPath: [...township.ancestors, township.id], label });
}

/** Throws unless the actor may see presence in the department (`regionPath` undefined: no such department). */
export function authorizeDepartmentPresence(
  actor: Actor,
  departmentId: string,
  regionPath: readonly string[] | undefined,
): void {
  const label = `Department ${departmentId}`;
  if (actor.role === "department_handler") {
    if (actor.departmentId !== departmentId || !regionPath) throw notFound(label);
    return;
  }
  authorize(actor, "read", "presence");
  if (!regionPath) throw notFound(label);
  authorize(actor, "read", "presence", { regionPath, label });
}
