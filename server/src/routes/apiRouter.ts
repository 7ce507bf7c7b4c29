import { eventCategorySchema, violationCategorySchema } from "@gridrisk/shared";
import { Router } from "express";
import type { SessionStore } from "../auth/sessionStore";
import { eventCategories, violationCategories } from "../commands/catalogs";
import type { Config } from "../env";
import { routeNotFound } from "../errors";
import { authenticate } from "../middlewares/authenticate";
import { apiDocsRouter } from "./apiDocs";
import { attachmentsRouter } from "./attachments";
import { auditRouter } from "./audit";
import { authRouter } from "./auth";
import { calendarRouter } from "./calendar";
import { capAlertsRouter } from "./capAlerts";
import { catalogRouter } from "./catalogs";
import { clientConfigRouter } from "./clientConfig";
import { departmentsRouter } from "./departments";
import { earlyWarningRulesRouter } from "./earlyWarningRules";
import { eventExportsRouter } from "./eventExports";
import { eventsRouter } from "./events";
import { inspectionPlansRouter } from "./inspectionPlans";
import { inspectionTasksRouter } from "./inspectionTasks";
import { institutionsRouter } from "./institutions";
import { mapRouter } from "./map";
import { meetingsRouter } from "./meetings";
import { metricsRouter } from "./metrics";
import { oversightRouter } from "./oversight";
import { presenceRouter } from "./presence";
import { regionsRouter } from "./regions";
import { riskProfilesRouter } from "./riskProfiles";
import { territoryRouter } from "./territory";
import { usersRouter } from "./users";
import { webhooksRouter } from "./webhooks";

/** What the API routes need. */
export interface ApiDependencies {
  sessions: SessionStore;
  /** Send the session cookie over HTTPS only. */
  secureCookies: boolean;
  /** Keep a photo's GPS position (as fields) when its metadata is stripped. */
  keepPhotoLocation: boolean;
  /** The configuration, for the public client settings. */
  config: Config;
}

/** Everything under /api. Each resource router is mounted behind authentication at its own path. */
export function apiRouter({ sessions, secureCookies, keepPhotoLocation, config }: ApiDependencies): Router {
  const router = Router();
  const signedIn = authenticate(sessions);
  router.use(clientConfigRouter(config));
  router.use(apiDocsRouter());
  router.use(authRouter(sessions, { secureCookies }));
  router.use("/regions", signedIn, regionsRouter());
  router.use("/territory", signedIn, territoryRouter());
  router.use("/departments", signedIn, departmentsRouter());
  router.use("/users", signedIn, usersRouter(sessions));
  router.use("/institutions", signedIn, riskProfilesRouter());
  router.use("/institutions", signedIn, institutionsRouter());
  router.use("/calendar", signedIn, calendarRouter());
  router.use("/events", signedIn, eventExportsRouter());
  router.use("/events", signedIn, capAlertsRouter());
  router.use("/events", signedIn, eventsRouter());
  router.use("/presence", signedIn, presenceRouter());
  router.use("/metrics", signedIn, metricsRouter());
  router.use("/map", signedIn, mapRouter());
  router.use("/inspection-plans", signedIn, inspectionPlansRouter());
  router.use("/meetings", signedIn, meetingsRouter());
  router.use("/early-warning-rules", signedIn, earlyWarningRulesRouter());
  router.use("/inspection-tasks", signedIn, inspectionTasksRouter({ checkInRadiusM: config.inspectionCheckInRadiusM }));
  router.use(
    "/violation-categories",
    signedIn,
    catalogRouter(violationCategories, violationCategorySchema, "violation_category"),
  );
  router.use("/event-categories", signedIn, catalogRouter(eventCategories, eventCategorySchema, "event_category"));
  router.use("/attachments", signedIn, attachmentsRouter({ keepPhotoLocation }));
  router.use("/audit", signedIn, auditRouter());
  router.use("/oversight", signedIn, oversightRouter());
  router.use("/webhooks", signedIn, webhooksRouter());
  router.use((req) => {
    throw routeNotFound(req.method, req.baseUrl + req.path);
  });
  return router;
}
