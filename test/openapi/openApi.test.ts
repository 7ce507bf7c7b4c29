import SwaggerParser from "@apidevtools/swagger-parser";
import { SessionStore } from "@gridrisk/server/auth/sessionStore";
import { mountedRoutes } from "@gridrisk/server/openapi/mountedRoutes";
import { ROUTE_CATALOGUE } from "@gridrisk/server/openapi/routeCatalogue";
import { apiRouter } from "@gridrisk/server/routes/apiRouter";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { request } from "../helpers/http";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer, testConfig } from "../helpers/testServer";

/** `/events/:id/` → `/events/{id}`. */
const openApiPath = (path: string) => path.replace(/\/$/, "").replace(/:(\w+)/g, "{$1}") || "/";

describe("OpenAPI document and route catalogue", () => {
  useTestDatabase();
  let server: RunningServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it("catalogues every route mounted under /api, and nothing that is not mounted", () => {
    const router = apiRouter({
      sessions: new SessionStore("s".repeat(40), 60_000),
      secureCookies: false,
      keepPhotoLocation: true,
      config: testConfig(),
    });
    const mounted = mountedRoutes(router).map((route) => `${route.method} ${openApiPath(route.path)}`);
    const catalogued = ROUTE_CATALOGUE.map((route) => `${route.method} ${route.path}`);
    expect(mounted.length).to.be.greaterThan(40);
    const missing = mounted.filter((route) => !catalogued.includes(route));
    expect(missing, "mounted routes missing from server/src/openapi/routeCatalogue.ts").to.deep.equal([]);
    const stale = catalogued.filter((route) => !mounted.includes(route));
    expect(stale, "catalogued routes that are not mounted").to.deep.equal([]);
    expect(new Set(catalogued).size).to.equal(catalogued.length);
  });

  it("serves a valid OpenAPI 3.1 document with the request schemas", async () => {
    const res = await request(`${server.url}/api/openapi.json`);
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal("3.1.0");
    const validated = (await SwaggerParser.validate(structuredClone(res.body))) as { paths: Record<string, unknown> };
    expect(Object.keys(validated.paths)).to.include("/events/{id}/actions");
    const report = res.body.paths["/events"].post;
    const schema = report.requestBody.content["application/json"].schema;
    expect(schema.required).to.include.members(["title", "description", "category", "location"]);
    expect(schema.properties.title.maxLength).to.equal(100);
    const list = res.body.paths["/events"].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(list).to.include.members(["status", "severity", "bbox", "cursor"]);
    const audit = res.body.paths["/audit"].get;
    expect(audit.description).to.equal("Who may call it: supervisor, admin.");
    expect(res.body.paths["/auth/login"].post.security).to.deep.equal([]);
    const broken = structuredClone(res.body);
    broken.paths["/events"].get.responses = "none";
    let failure: unknown;
    await SwaggerParser.validate(broken).catch((error: unknown) => {
      failure = error;
    });
    expect(failure, "the validator rejects a broken document").to.be.instanceOf(Error);
  });

  it("serves the browsable docs page and its assets from this server", async () => {
    const page = await request(`${server.url}/api/docs`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('<script src="/api/docs/assets/swagger-ui-bundle.js"></script>');
    expect(page.text).to.not.match(/https?:\/\//);
    const bundle = await fetch(`${server.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).to.equal(200);
    const script = (await request(`${server.url}/api/docs/page/docs.js`)).text;
    expect(script).to.include("/api/openapi.json");
    expect(script).to.include("validatorUrl: null");
  });
});
