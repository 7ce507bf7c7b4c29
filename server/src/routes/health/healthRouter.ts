import type { LivenessReport, ReadinessReport } from "@gridrisk/shared";
import { Router } from "express";
import { pingDatabase } from "../../database/connection";
import { AppError } from "../../errors";
import { territoryLoaded } from "../../territory/territoryCache";

const READINESS_PING_TIMEOUT_MS = 2000;
const startedAt = Date.now();

/** GET /healthz (the process is alive) and GET /readyz (the database answers, the territory is loaded). */
export function healthRouter(version: string): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    const body: LivenessReport = {
      status: "alive",
      version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
    res.set("Cache-Control", "no-store").json(body);
  });
  router.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    if (!(await pingDatabase(READINESS_PING_TIMEOUT_MS))) {
      throw new AppError(503, "service_unavailable", "The database does not answer.", { checks: { database: "down" } });
    }
    // Reports are located in memory: until the territory is read they could not be filed.
    if (!territoryLoaded()) {
      throw new AppError(503, "service_unavailable", "The territory is still loading.", {
        checks: { database: "up", territory: "loading" },
      });
    }
    const body: ReadinessReport = { status: "ready", checks: { database: "up" } };
    res.json(body);
  });
  return router;
}
