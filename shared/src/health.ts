/** Body of GET /readyz when ready; otherwise it answers 503 in the error shape. */
export interface ReadinessReport {
  status: "ready";
  checks: { database: "up" };
}

/** Body of GET /healthz. */
export interface LivenessReport {
  status: "alive";
  version: string;
  uptimeSeconds: number;
}
