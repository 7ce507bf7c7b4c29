import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type RunningServer, startServer } from "@gridrisk/server/server";
import { expect } from "chai";
import gcoord from "gcoord";
import { type Browser, chromium, type Page } from "playwright-core";
import { ensureClientBuilt } from "../../scripts/clientBuild";
import { createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { testConfig } from "../helpers/testServer";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = path.resolve("screenshots");
const CLIENT_DIST = path.resolve("client", "dist");

/** The fixture's grids hold these reports: [lng, lat, severity]. */
const REPORTS = [
  [119.01, 33.51, "general"],
  [119.09, 33.59, "serious"],
  [119.05, 33.65, "major"],
  [119.15, 33.6, "general"],
  [119.3, 33.62, "general"],
] as const;

describe("live map page in headless Chromium", function () {
  this.timeout(120_000);
  const databaseUri = useTestDatabase();
  let browser: Browser | undefined;
  const servers: RunningServer[] = [];
  let worker = "";
  let worker3 = "";
  const ids: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      process.stdout.write(`      (skipped: no Chromium at ${CHROMIUM}; the map page is not tested in a browser)\n`);
      this.skip();
    }
    ensureClientBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const fixture = await loadTerritoryFixture();
    await createAccount({ username: "city", role: "city_monitor", scope: [fixture.city] });
    await createAccount({
      username: "worker",
      role: "grid_worker",
      scope: [fixture.grid, fixture.gridNorth, fixture.grid2],
    });
    await createAccount({ username: "worker3", role: "grid_worker", scope: [fixture.otherGrid] });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
    });
  });
  after(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
  });

  async function serve(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
    const server = await startServer({
      config: testConfig({ ...env, MONGODB_URI: databaseUri() }),
      clientDistDir: CLIENT_DIST,
      version: "test",
      waitForDatabase: true,
    });
    servers.push(server);
    return server;
  }

  async function openMap(server: RunningServer, search = ""): Promise<Page> {
    const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    const page = await context.newPage();
    const login = await page.request.post(`${server.url}/api/auth/login`, {
      data: { username: "city", password: "correct-horse-battery" },
    });
    expect(login.status()).to.equal(200);
    await page.goto(`${server.url}/map${search}`);
    await page.waitForSelector(".live-map[data-grids='5']");
    await page.waitForSelector(".live-point");
    return page;
  }

  const pointCount = (page: Page) => page.locator(".live-point").count();

  /** Waits until the map shows `count` single-event markers (string predicates would meet the CSP). */
  async function waitForPoints(page: Page, count: number): Promise<void> {
    const until = Date.now() + 15_000;
    while ((await pointCount(page)) !== count) {
      if (Date.now() > until) throw new Error(`expected ${count} markers, saw ${await pointCount(page)}`);
      await page.waitForTimeout(100);
    }
  }

  it("shows the grids and one marker per event, and a filter changes what is shown (URL included)", async () => {
    const server = await serve();
    worker = await signInAs(server.url, "worker");
    worker3 = await signInAs(server.url, "worker3");
    for (const [lng, lat, severity] of REPORTS) {
      const res = await report(server.url, lng > 119.2 ? worker3 : worker, buildReport(lng, lat, { severity }));
      expect(res.status, res.text).to.equal(201);
      ids.push(res.body.event.id);
    }
    const page = await openMap(server);
    expect(await page.locator(".live-map").getAttribute("data-events")).to.equal("5");
    await waitForPoints(page, 5);
    await page.screenshot({ path: path.join(SHOTS, "map-all.png") });
    // The box is controlled by the URL: click, then wait for the URL (check() gives up when the
    // state follows a navigation a moment later, as it can on a loaded machine).
    await page.getByLabel("重大", { exact: true }).click();
    await page.waitForURL(/severity=serious/);
    await waitForPoints(page, 1);
    expect(await page.getByLabel("重大", { exact: true }).isChecked()).to.equal(true);
    expect(await page.locator(".live-point [data-event-id]").getAttribute("data-event-id")).to.equal(ids[1]);
    await page.screenshot({ path: path.join(SHOTS, "map-filtered.png") });
    await page.close();
  });

  it("shows an event reported through the API without a reload, highlighted", async () => {
    const server = servers[0] as RunningServer;
    const page = await openMap(server);
    await waitForPoints(page, 5);
    await page.evaluate('window.samePage = "yes"');
    const res = await report(server.url, worker, buildReport(119.03, 33.58, { severity: "very_serious" }));
    expect(res.status).to.equal(201);
    const id = res.body.event.id as string;
    await page.waitForSelector(`.live-point--flash [data-event-id='${id}']`, { timeout: 10_000 });
    expect(await pointCount(page)).to.equal(6);
    expect(await page.evaluate("window.samePage")).to.equal("yes");
    await page.screenshot({ path: path.join(SHOTS, "map-live.png") });
    await page.locator(`[data-event-id='${id}']`).click();
    await page.waitForSelector(".map-drawer .timeline li");
    expect(await page.locator(".map-drawer").textContent()).to.include(res.body.event.code);
    await page.screenshot({ path: path.join(SHOTS, "map-drawer.png") });
    await page.close();
  });

  it("places a known point where GCJ-02 tiles expect it, shifted from its WGS-84 position", async () => {
    // A tile URL nothing answers: the map stays on its plain background, with the datum of AMap.
    const server = await serve({ MAP_TILE_PROVIDER: "amap", MAP_TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png" });
    const page = await openMap(server);
    expect(await page.locator(".live-map").getAttribute("data-datum")).to.equal("gcj02");
    const [lng, lat] = REPORTS[0];
    const [gcjLng, gcjLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(Math.abs(gcjLng - lng) + Math.abs(gcjLat - lat)).to.be.greaterThan(0.003);
    // The map element carries its Leaflet map (see LiveMap): centre on the shifted point at street zoom.
    const leaflet = 'document.querySelector(".live-map").leafletMap';
    await page.evaluate(`${leaflet}.setView([${gcjLat}, ${gcjLng}], 16, { animate: false })`);
    const marker = page.locator(`[data-event-id='${ids[0]}']`);
    await marker.waitFor();
    const box = await marker.boundingBox();
    const mapBox = await page.locator(".live-map").boundingBox();
    const expected = (await page.evaluate(
      `({ gcj: ${leaflet}.latLngToContainerPoint([${gcjLat}, ${gcjLng}]), wgs: ${leaflet}.latLngToContainerPoint([${lat}, ${lng}]) })`,
    )) as { gcj: { x: number; y: number }; wgs: { x: number; y: number } };
    if (!box || !mapBox) throw new Error("marker or map not laid out");
    const at = { x: box.x + box.width / 2 - mapBox.x, y: box.y + box.height / 2 - mapBox.y };
    expect(Math.hypot(at.x - expected.gcj.x, at.y - expected.gcj.y)).to.be.lessThan(3);
    expect(Math.hypot(at.x - expected.wgs.x, at.y - expected.wgs.y)).to.be.greaterThan(50);
    await page.screenshot({ path: path.join(SHOTS, "map-gcj02.png") });
    await page.close();
  });
});
