import type { Types } from "mongoose";

/**
 * Where a stored record lies after regions moved: its region path is that of its own region (the
 * last of the path) as the territory now stands, root first. Null when its region is unknown or
 * the path is already right.
 */
export function pathAfterMove(
  path: readonly Types.ObjectId[],
  ancestorsNow: ReadonlyMap<string, readonly Types.ObjectId[]>,
): Types.ObjectId[] | null {
  const own = path[path.length - 1];
  if (!own) return null;
  const ancestors = ancestorsNow.get(own.toHexString());
  if (!ancestors) return null;
  const next = [...ancestors, own];
  const same = next.length === path.length && next.every((id, index) => id.equals(path[index] as Types.ObjectId));
  return same ? null : next;
}
