import type { RegionLevel } from "../territory/regionLevels";

/** Every role of the product (see PRODUCT.md, "Who uses it"). */
export const ROLES = [
  "grid_worker",
  "township_officer",
  "department_handler",
  "district_officer",
  "city_monitor",
  "supervisor",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

/** The levels of region a role's scope may name; a department handler's scope is its department's territory. */
export const SCOPE_LEVELS: Record<Role, readonly RegionLevel[]> = {
  grid_worker: ["grid"],
  township_officer: ["township"],
  department_handler: ["city", "district"],
  district_officer: ["district"],
  city_monitor: ["city"],
  supervisor: ["city", "district"],
  admin: ["city"],
};

/** Whether a role's scope may hold more than one region. */
export const MULTI_REGION_SCOPE: Record<Role, boolean> = {
  grid_worker: true,
  township_officer: false,
  department_handler: false,
  district_officer: false,
  city_monitor: false,
  supervisor: false,
  admin: false,
};
