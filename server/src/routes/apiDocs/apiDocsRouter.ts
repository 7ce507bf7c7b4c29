import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";
import { openApiDocument } from "../../openapi/openApiDocument";
import { ROUTE_CATALOGUE } from "../../openapi/routeCatalogue";

const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const docsPageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../openapi/docsPage");

/** The version of the API the document describes. */
const API_VERSION = "0.1.0";

const DOCS_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>API · 网格化风险事件管理</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/page/docs.js"></script>
</body>
</html>
`;

/** GET /api/openapi.json and the browsable docs at /api/docs, served locally (no CDN). */
export function apiDocsRouter(): Router {
  const router = Router();
  let document: unknown;
  router.get("/openapi.json", (_req, res) => {
    document ??= openApiDocument(ROUTE_CATALOGUE, API_VERSION);
    res.json(document);
  });
  router.get("/docs", (_req, res) => {
    res.type("html").send(DOCS_HTML);
  });
  router.use("/docs/assets", express.static(swaggerUiDir, { index: false, maxAge: "1d" }));
  router.use("/docs/page", express.static(docsPageDir, { index: false }));
  return router;
}
