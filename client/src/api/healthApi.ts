import { type ErrorBody, errorBodySchema, type LivenessReport, type ReadinessReport } from "@gridrisk/shared";

/** What the status panel shows. */
export interface SystemStatus {
  server: "up" | "down";
  database: "up" | "down";
  version?: string;
  checkedAt: Date;
}

async function getJson<T>(path: string): Promise<{ ok: boolean; body?: T | ErrorBody }> {
  try {
    const response = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store" });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok && errorBodySchema.safeParse(body).success) return { ok: false, body: body as ErrorBody };
    return { ok: response.ok, body: body as T };
  } catch {
    return { ok: false };
  }
}

/** Asks /healthz and /readyz. */
export async function fetchSystemStatus(): Promise<SystemStatus> {
  const [live, ready] = await Promise.all([getJson<LivenessReport>("/healthz"), getJson<ReadinessReport>("/readyz")]);
  return {
    server: live.ok ? "up" : "down",
    database: ready.ok ? "up" : "down",
    version: live.ok ? (live.body as LivenessReport).version : undefined,
    checkedAt: new Date(),
  };
}
