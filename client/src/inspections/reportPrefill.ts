import { api } from "../api/http";

/** What the report page may be opened with, e.g. from an inspection finding. */
export interface ReportPrefill {
  point?: { lng: number; lat: number };
  institutionId?: string;
  title?: string;
  description?: string;
  source?: "inspection";
  /** The inspection task and finding the report comes from, to link the event back. */
  task?: string;
  finding?: string;
}

/** Reads the pre-filled values from the page's query string; anything malformed is left out. */
export function reportPrefillFrom(search: string): ReportPrefill {
  const query = new URLSearchParams(search);
  const lng = Number(query.get("lng"));
  const lat = Number(query.get("lat"));
  const text = (key: string) => query.get(key)?.trim() || undefined;
  const institutionId = text("institutionId");
  return {
    ...(query.has("lng") && query.has("lat") && Number.isFinite(lng) && Number.isFinite(lat)
      ? { point: { lng, lat } }
      : {}),
    ...(institutionId && /^[0-9a-f]{24}$/.test(institutionId) ? { institutionId } : {}),
    ...(text("title") ? { title: text("title") } : {}),
    ...(text("description") ? { description: text("description") } : {}),
    ...(query.get("source") === "inspection" ? { source: "inspection" as const } : {}),
    ...(text("task") && text("finding") ? { task: text("task"), finding: text("finding") } : {}),
  };
}

/** Links the event just reported back to the finding it came from (best effort: the event stands alone too). */
export function linkFindingToEvent(prefill: ReportPrefill, eventCode: string): Promise<unknown> {
  if (!prefill.task || !prefill.finding) return Promise.resolve();
  return api(`/api/inspection-tasks/${encodeURIComponent(prefill.task)}/findings/${prefill.finding}/event`, {
    method: "POST",
    json: { eventCode },
  }).catch(() => undefined);
}
