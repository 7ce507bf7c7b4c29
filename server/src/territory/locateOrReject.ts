import { AppError } from "../errors";
import { presentRegion } from "../presenters/regionPresenter";
import { territory, territoryLoaded } from "./territoryCache";
import type { Location } from "./territoryRegistry";

/**
 * The grid and path of a point, or 422 `no_grid_at_location` naming the nearest township, which
 * can assign it by hand.
 */
export function locateOrReject(lng: number, lat: number, field = "location"): Location {
  const registry = territory();
  const location = registry.locate(lng, lat);
  if (location) return location;
  // Just after a start, before the regions are read, every point would lie "in no grid": say
  // "retry" instead of refusing the report (clients retry a 503, never a 422).
  if (!territoryLoaded()) {
    throw new AppError(503, "service_unavailable", "The territory is still loading; retry in a moment.");
  }
  const township = registry.nearestGrid(lng, lat)?.path.find((region) => region.level === "township");
  throw new AppError(
    422,
    "no_grid_at_location",
    `${field} (${lng}, ${lat}) lies in no grid of this territory.` +
      (township ? ` The nearest township is ${township.name}, which can assign it by hand.` : ""),
    { field, ...(township ? { nearestTownship: presentRegion(township) } : {}) },
  );
}
