import { Writable } from "node:stream";
import { rootLogger } from "@gridrisk/server/logging/logger";
import { AttachmentModel } from "@gridrisk/server/models/attachment";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import winston from "winston";
import { HTML_PAGE, plainImage, SCRIPTED_SVG } from "../attachments/photoFixtures";
import { bearer, createAccount, signInAs, TEST_PASSWORD } from "../helpers/accounts";
import { postJson, request } from "../helpers/http";
import { fillPath, routeTable } from "../helpers/routeTable";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer, TEST_TOKEN_SECRET } from "../helpers/testServer";

/** A transport that keeps every formatted log line in memory. */
function capturingTransport() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, transport: new winston.transports.Stream({ stream, level: "silly" }) };
}

/** The headers every response must carry, whatever it is. */
function expectSafeHeaders(headers: Headers, what: string): void {
  expect(headers.get("x-content-type-options"), what).to.equal("nosniff");
  expect(headers.get("referrer-policy"), what).to.equal("no-referrer");
  expect(headers.get("x-frame-options"), what).to.equal("SAMEORIGIN");
  const csp = headers.get("content-security-policy") ?? "";
  expect(csp, what).to.match(/default-src '(self|none)'/);
  // Framing is refused by frame-ancestors, or by a sandbox that runs nothing at all.
  expect(/frame-ancestors 'self'/.test(csp) || /sandbox/.test(csp), `${what}: ${csp}`).to.equal(true);
  expect(csp, what).not.to.match(/script-src[^;]*'unsafe-inline'/);
  expect(headers.get("x-powered-by"), what).to.equal(null);
}

describe("security checks: headers, uploads, secrets in logs", () => {
  useTestDatabase();
  let server: RunningServer;
  let admin = "";
  let worker = "";
  let gridId = "";

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    gridId = ids.grid;
    await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    admin = await signInAs(server.url, "admin");
    worker = await signInAs(server.url, "worker");
  });
  after(() => server.close());

  it("sets CSP with frame-ancestors, nosniff, referrer and frame policies on every route, signed in or not, and on pages", async () => {
    for (const route of routeTable(server.app)) {
      const url = `${server.url}${fillPath(route.path, (name) => (name === "year" ? "2026" : "0".repeat(24)))}`;
      // Signing out would end the admin's session for the rest of the file.
      const signedIn = route.path === "/api/auth/logout" ? [] : [admin];
      for (const token of ["", ...signedIn]) {
        const res = await request(url, {
          method: route.method,
          headers: { "Content-Type": "application/json", ...(token ? bearer(token) : {}) },
          ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: "{}" }),
        });
        expectSafeHeaders(res.headers, `${route.method} ${route.path} (${res.status})`);
      }
    }
    for (const path of ["/", "/events/abc", "/assets/app-1234.js", "/assets/missing.js", "/api/nowhere"]) {
      expectSafeHeaders((await request(`${server.url}${path}`, { headers: { Accept: "text/html" } })).headers, path);
    }
  });

  it("never stores an upload that is not an image, and serves a stored one only as an inert image", async () => {
    const upload = (body: Buffer, type: string) =>
      request(`${server.url}/api/attachments?purpose=report`, {
        method: "POST",
        headers: { ...bearer(worker), "Content-Type": type },
        body,
      });
    const before = await AttachmentModel.countDocuments();
    for (const [body, type] of [
      [HTML_PAGE, "image/jpeg"],
      [HTML_PAGE, "text/html"],
      [SCRIPTED_SVG, "image/png"],
      [SCRIPTED_SVG, "image/svg+xml"],
      [Buffer.concat([Buffer.from("GIF89a"), HTML_PAGE]), "image/gif"],
    ] as const) {
      const res = await upload(body, type);
      expect(res.status, `${type}: ${res.text}`).to.be.oneOf([400, 415]);
    }
    expect(await AttachmentModel.countDocuments()).to.equal(before);

    // A real PNG with a page appended after its end: stored as a clean re-encoded image.
    const polyglot = Buffer.concat([await plainImage("png"), HTML_PAGE]);
    const stored = await upload(polyglot, "image/png");
    expect(stored.status, stored.text).to.equal(201);
    const res = await fetch(`${server.url}/api/attachments/${stored.body.attachment.id}`, { headers: bearer(worker) });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("content-type")).to.match(/^image\/(jpeg|png|webp)$/);
    expect(res.headers.get("content-disposition")).to.match(/^inline; filename="[0-9a-f]{24}\.(jpg|png|webp)"$/);
    expect(res.headers.get("content-security-policy")).to.equal("default-src 'none'; sandbox");
    expect(res.headers.get("x-content-type-options")).to.equal("nosniff");
    expect(bytes.includes(Buffer.from("<script"))).to.equal(false);
  });

  it("writes no password, token, token secret or password hash to the log during sign-in, sign-up and sign-out", async () => {
    const capture = capturingTransport();
    const saved = { level: rootLogger.level, silent: rootLogger.silent };
    rootLogger.add(capture.transport);
    rootLogger.level = "silly";
    rootLogger.silent = false;
    // The console transport stays quiet while the capture runs.
    const consoles = rootLogger.transports.filter((transport) => transport instanceof winston.transports.Console);
    for (const transport of consoles) transport.silent = true;
    const newPassword = "Fresh-Secret-Passphrase-42";
    const typedIntoUsername = "Oops-My-Password-77";
    const tokens: string[] = [];
    try {
      const login = async (username: string, password: string) => {
        const res = await postJson(`${server.url}/api/auth/login`, { username, password });
        if (res.body?.token) tokens.push(res.body.token);
        return res;
      };
      expect((await login("worker", "wrong-password-123")).status).to.equal(401);
      expect((await login(typedIntoUsername, TEST_PASSWORD)).status).to.be.oneOf([400, 401]);
      expect((await login("worker", TEST_PASSWORD)).status).to.equal(200);
      const created = await postJson(
        `${server.url}/api/users`,
        { username: "newcomer", name: "新人", role: "grid_worker", scope: [gridId], password: newPassword },
        bearer(admin),
      );
      expect(created.status, created.text).to.equal(201);
      expect((await login("newcomer", newPassword)).status).to.equal(200);
      const changed = await request(`${server.url}/api/users/${created.body.user.id}`, {
        method: "PATCH",
        headers: { ...bearer(admin), "Content-Type": "application/json" },
        body: JSON.stringify({ password: `${newPassword}-2` }),
      });
      expect(changed.status, changed.text).to.equal(200);
      const last = tokens[tokens.length - 1] ?? "";
      await request(`${server.url}/api/me`, { headers: { Cookie: `gridrisk_session=${last}` } });
      await postJson(`${server.url}/api/auth/logout`, {}, bearer(last));
      await request(`${server.url}/api/me`, { headers: bearer(last) });
    } finally {
      rootLogger.remove(capture.transport);
      rootLogger.level = saved.level;
      rootLogger.silent = saved.silent;
      for (const transport of consoles) transport.silent = false;
    }
    const log = capture.lines.join("\n");
    expect(capture.lines.length, "log lines captured").to.be.greaterThan(5);
    const secrets = [
      TEST_PASSWORD,
      "wrong-password-123",
      typedIntoUsername,
      newPassword,
      TEST_TOKEN_SECRET,
      "$argon2",
      ...tokens,
      ...tokens.map((token) => token.split(".")[1] ?? token),
    ];
    for (const secret of secrets)
      expect(log.includes(secret), `the log contains ${secret.slice(0, 6)}…`).to.equal(false);
  });
});
