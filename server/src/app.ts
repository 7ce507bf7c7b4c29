import { JSON_BODY_LIMIT_BYTES, LOGIN_LIMITS, TERRITORY_IMPORT_LIMIT_BYTES } from "@gridrisk/shared";
import express, { type Express } from "express";
import helmet from "helmet";
import { SessionStore } from "./auth/sessionStore";
import type { Config } from "./env";
import { errorHandler } from "./middlewares/errorHandler";
import { rejectNulCharacters } from "./middlewares/rejectNulCharacters";
import { requestId } from "./middlewares/requestId";
import { requestLogger } from "./middlewares/requestLogger";
import { apiRouter } from "./routes/apiRouter";
import { healthRouter } from "./routes/health";
import { open311Router } from "./routes/open311";
import { clientAssets } from "./static/clientAssets";

/** What the app needs from outside; nothing here listens or connects. */
export interface AppDependencies {
  config: Config;
  /** Folder of the built client (index.html and assets/). */
  clientDistDir: string;
  /** Version reported by /healthz. */
  version: string;
  /** Secret that signs session tokens (see tokenSecret.ts). */
  tokenSecret: string;
  /** The session store, when the caller shares it (with the live connection); made here otherwise. */
  sessions?: SessionStore;
}

/** Builds the Express app. Importing this module starts nothing. */
export function createApp({ config, clientDistDir, version, tokenSecret, sessions: given }: AppDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  // API answers change with every action and clients follow them live; hashing every JSON body
  // for an ETag nobody sends back cost more than it saved. (Static files keep their own ETags.)
  app.set("etag", false);
  app.set("trust proxy", config.trustProxy);
  app.use(requestId);
  app.use(requestLogger);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          // Map tiles come from whatever tile URL is configured.
          "img-src": ["'self'", "data:", "blob:", "https:", "http:"],
          "connect-src": ["'self'", "ws:", "wss:"],
          // Leaflet positions its panes with inline styles.
          "style-src": ["'self'", "'unsafe-inline'"],
          "upgrade-insecure-requests": null,
        },
      },
    }),
  );
  app.use(healthRouter(version));
  const sessions = given ?? new SessionStore(tokenSecret, LOGIN_LIMITS.sessionHours * 3600_000);
  // A whole territory is far larger than any other request; only its import gets a larger limit.
  app.use("/api/territory/import", express.json({ limit: TERRITORY_IMPORT_LIMIT_BYTES }));
  app.use("/api", express.json({ limit: JSON_BODY_LIMIT_BYTES, strict: true }), rejectNulCharacters);
  app.use(
    "/api",
    apiRouter({
      sessions,
      secureCookies: config.nodeEnv === "production",
      keepPhotoLocation: config.keepPhotoLocation,
      config,
    }),
  );
  app.use("/open311/v2", open311Router());
  app.use(clientAssets(clientDistDir));
  app.use(errorHandler);
  return app;
}
