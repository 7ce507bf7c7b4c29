import { existsSync } from "node:fs";
import path from "node:path";
import compression from "compression";
import express, { type RequestHandler, Router } from "express";

const NOT_SPA = /^\/(api|socket\.io)(\/|$)|^\/(healthz|readyz)$/;

/**
 * Serves the built client and answers every other GET that wants HTML with index.html, so that
 * deep links work. Missing build: a plain page saying how to build it.
 */
export function clientAssets(distDir: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, "index.html");
  // The client's scripts are about 3× smaller gzipped (584 KB → 183 KB for the report page):
  // compressed here, for the files only (API answers are small and many, and a proxy may do it).
  router.use(compression());
  // Hashed assets never change under a name; index.html must always be revalidated.
  router.use(
    "/assets",
    express.static(path.join(distDir, "assets"), { immutable: true, maxAge: "1y", fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  const spaFallback: RequestHandler = (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || NOT_SPA.test(req.path) || !req.accepts("html")) {
      next();
      return;
    }
    if (!existsSync(indexFile)) {
      res.status(503).type("text/plain").send("The client is not built yet: run `npm run build`.");
      return;
    }
    res.set("Cache-Control", "no-cache").sendFile(indexFile);
  };
  router.use(spaFallback);
  return router;
}
