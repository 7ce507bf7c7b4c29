import type { MapEventRow, MapEventsView, MetricsView } from "@gridrisk/shared";
import { api } from "../api/http";

/** The grid boundaries of a region, as the server encodes them. */
export interface BoundariesAnswer {
  scale: number;
  grids: { id: string; name: string; rings: number[][] }[];
}

/** The boundaries of the caller's territory (or a region of it); the browser revalidates with the ETag. */
export function fetchBoundaries(region?: string): Promise<BoundariesAnswer> {
  return api<BoundariesAnswer>(`/api/map/boundaries${region ? `?region=${region}` : ""}`);
}

/** The events of the live map for a query made by eventsQueryOf. */
export function fetchMapEvents(query: string): Promise<MapEventsView> {
  return api<MapEventsView>(`/api/map/events?${query}`);
}

/** The figures of a region over the last `days` days. */
export function fetchMetrics(region: string | undefined, days: number): Promise<MetricsView> {
  const params = new URLSearchParams({ from: new Date(Date.now() - days * 86_400_000).toISOString() });
  if (region) params.set("region", region);
  return api<MetricsView>(`/api/metrics?${params}`);
}

/** The fields of a compact row, by name. */
export function rowFields(row: MapEventRow) {
  const [id, lng, lat, severity, status, category, overdue, reportedAt] = row;
  return { id, lng, lat, severity, status, category, overdue: overdue === 1, reportedAt };
}
