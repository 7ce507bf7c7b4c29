import { PUBLIC_ROUTES } from "@gridrisk/server/policies/publicRoutes";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { request } from "../helpers/http";
import { fillPath, type RouteEntry, routeTable } from "../helpers/routeTable";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/** A syntactically valid value for each path parameter. */
const sampleParam = (name: string) => (name === "year" ? "2026" : name === "code" ? "sample_code" : "0".repeat(24));
const label = (route: RouteEntry) => `${route.method} ${route.path}`;

describe("route policy: every route is behind the session guard or on the public list", () => {
  useTestDatabase();
  let server: RunningServer;
  let routes: RouteEntry[] = [];

  before(async () => {
    server = await startTestServer();
    routes = routeTable(server.app);
  });
  after(() => server.close());

  it("finds the routes of every resource router in the table", () => {
    const labels = routes.map(label);
    expect(routes.length).to.be.greaterThan(30);
    expect(labels).to.include.members(["POST /api/events", "POST /api/events/:id/actions", "PUT /api/calendar/:year"]);
  });

  it("has a policy for every route: guarded, or public by name", () => {
    const withoutPolicy = routes.filter((route) => !route.guarded && !PUBLIC_ROUTES.includes(label(route)));
    expect(withoutPolicy.map(label), "routes neither guarded nor on PUBLIC_ROUTES").to.deep.equal([]);
  });

  it("lists only routes that exist and are really served without the guard", () => {
    const unguarded = routes.filter((route) => !route.guarded).map(label);
    expect([...PUBLIC_ROUTES].sort()).to.deep.equal([...unguarded].sort());
  });

  it("answers 401 to every guarded route without a session, and never 401 to a public one", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await request(`${server.url}${fillPath(route.path, sampleParam)}`, {
        method: route.method,
        headers: { "Content-Type": "application/json" },
        ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: "{}" }),
      });
      const expected = route.guarded ? res.status === 401 : res.status !== 401;
      if (!expected) wrong.push(`${label(route)} → ${res.status}`);
    }
    expect(wrong).to.deep.equal([]);
  });
});
