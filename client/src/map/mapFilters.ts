import { EVENT_STATUSES, type EventStatus, SEVERITIES, type Severity } from "@gridrisk/shared";

/** What the live map shows, as its URL says (so a view can be shared or reloaded). */
export interface MapFilters {
  status: EventStatus[];
  severity: Severity[];
  category: string[];
  /** A district (or other child region) to narrow to. */
  region?: string;
  /** Days back from now. */
  days: number;
  overdue: boolean;
  /** Shade grids by their open events. */
  shade: boolean;
}

/** Periods offered, in days. */
export const PERIODS = [7, 30, 90] as const;
const DEFAULT_DAYS = 90;

function listParam<T extends string>(params: URLSearchParams, name: string, allowed?: readonly T[]): T[] {
  const values = (params.get(name) ?? "").split(",").filter(Boolean) as T[];
  return allowed ? values.filter((value) => allowed.includes(value)) : values;
}

/** The filters in a URL's query; unknown values are dropped. */
export function filtersFromSearch(search: string): MapFilters {
  const params = new URLSearchParams(search);
  const days = Number(params.get("days"));
  const region = params.get("region");
  return {
    status: listParam(params, "status", EVENT_STATUSES),
    severity: listParam(params, "severity", SEVERITIES),
    category: listParam(params, "category").filter((code) => /^[a-z][a-z0-9_]{1,39}$/.test(code)),
    ...(region && /^[0-9a-f]{24}$/.test(region) ? { region } : {}),
    days: (PERIODS as readonly number[]).includes(days) ? days : DEFAULT_DAYS,
    overdue: params.get("overdue") === "true",
    shade: params.get("shade") === "true",
  };
}

/** The URL query of the filters, leaving out what is default. */
export function searchOfFilters(filters: MapFilters): string {
  const params = new URLSearchParams();
  if (filters.status.length) params.set("status", filters.status.join(","));
  if (filters.severity.length) params.set("severity", filters.severity.join(","));
  if (filters.category.length) params.set("category", filters.category.join(","));
  if (filters.region) params.set("region", filters.region);
  if (filters.days !== DEFAULT_DAYS) params.set("days", String(filters.days));
  if (filters.overdue) params.set("overdue", "true");
  if (filters.shade) params.set("shade", "true");
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The query of GET /api/map/events for the filters at `now`. */
export function eventsQueryOf(filters: MapFilters, now: number): string {
  const params = new URLSearchParams();
  if (filters.status.length) params.set("status", filters.status.join(","));
  if (filters.severity.length) params.set("severity", filters.severity.join(","));
  if (filters.category.length) params.set("category", filters.category.join(","));
  if (filters.region) params.set("region", filters.region);
  if (filters.overdue) params.set("overdue", "true");
  params.set("from", new Date(now - filters.days * 86_400_000).toISOString());
  params.set("to", new Date(now + 60_000).toISOString());
  return params.toString();
}

/** Decodes a ring of GET /api/map/boundaries (delta-encoded integers) into [lat, lng] pairs. */
export function decodeRing(encoded: readonly number[], scale: number): [number, number][] {
  const positions: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (let index = 0; index + 1 < encoded.length; index += 2) {
    x += encoded[index] as number;
    y += encoded[index + 1] as number;
    positions.push([y / scale, x / scale]);
  }
  return positions;
}
