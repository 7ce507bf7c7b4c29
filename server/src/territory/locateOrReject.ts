import { AppError } from "../errors";
import { presentRegion } from "../presenters/regionPresenter";
import { territory } from "./territoryCache";
import type { Location } from "./territoryRegistry";

/**
 * The grid and path of a point, or 422 `no_grid_at_location` naming the nearest township, which
 * can assign it by hand.
 */
export function locateOrReject(lng: number, lat: number, field = "location"): Location {
  const registry = territory();
  const location = registry.locate(lng, lat);
  if (location) return location;
  const township = registry.nearestGrid(lng, lat)?.path.find((region) => region.level === "township");
  throw new AppError(
    422,
    "no_grid_at_location",
    `${field} (${lng}, ${lat}) lies in no grid of this territory.` +
      (township ? ` The nearest township is ${township.name}, which can assign it by hand.` : ""),
    { field, ...(township ? { nearestTownship: presentRegion(township) } : {}) },
  );
}
