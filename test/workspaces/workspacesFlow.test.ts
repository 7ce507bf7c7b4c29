import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { EventModel } from "@gridrisk/server/models/event";
import { type RunningServer, startServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ensureClientBuilt } from "../../scripts/clientBuild";
import { noisyJpeg } from "../attachments/photoFixtures";
import { createAccount, ensureDepartment, signInAs } from "../helpers/accounts";
import { act, buildReport, report } from "../helpers/eventHelpers";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { testConfig } from "../helpers/testServer";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  expectAccessible,
  expectNoSideways,
  newContext,
  SHOTS,
  shoot,
  signInWithForm,
} from "./browserPages";

/** Where the grid worker stands: inside grid G1 of the fixture, outside its enclave. */
const WORKER_POSITION = { longitude: 119.02, latitude: 33.52 };
const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/** A datetime-local value `days` from now, in China Standard Time (the forms read them so). */
function shanghaiLocal(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return at.toISOString().slice(0, 16);
}

describe("workspaces in headless Chromium: report → desk → departments → follow-up → closed, offline, English", function () {
  this.timeout(180_000);
  const databaseUri = useTestDatabase();
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  let gridContext: BrowserContext;
  let gridPage: Page;
  let deskPage: Page;
  const title = `无证培训 e2e ${Date.now() % 100_000}`;
  let eventId = "";

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      process.stdout.write(`      (skipped: no Chromium at ${CHROMIUM}; the workspaces are not tested in a browser)\n`);
      this.skip();
    }
    ensureClientBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const fixture = await loadTerritoryFixture();
    await createAccount({ username: "grid", role: "grid_worker", scope: [fixture.grid, fixture.gridEnclave] });
    await createAccount({ username: "township", role: "township_officer", scope: [fixture.township] });
    const education = await ensureDepartment(fixture.district, "education", {
      name: "区教育局",
      nameEn: "District Education Bureau",
    });
    const market = await ensureDepartment(fixture.district, "market", {
      name: "区市场监管局",
      nameEn: "District Market Regulation",
    });
    const handlers = { "dept.education": education, "dept.market": market };
    for (const [username, departmentId] of Object.entries(handlers)) {
      await createAccount({ username, role: "department_handler", scope: [fixture.district], departmentId });
    }
    server = await startServer({
      config: testConfig({ MONGODB_URI: databaseUri() }),
      clientDistDir: path.resolve("client", "dist"),
      version: "test",
      waitForDatabase: true,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    gridContext = await newContext(browser, { phone: true, geolocation: WORKER_POSITION });
    gridPage = await gridContext.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const url = () => (server as RunningServer).url;

  it("lets the grid worker sign in and report a risk on the phone, and the desk sees it arrive live", async () => {
    const deskContext = await newContext(browser as Browser);
    deskPage = await deskContext.newPage();
    await signInWithForm(deskPage, url(), "township", "/desk");
    await deskPage.getByText("暂无待办事件。").or(deskPage.locator("table.queue")).first().waitFor();

    await gridPage.goto(`${url()}/login`);
    await expectAccessible(gridPage, "login");
    await shoot(gridPage, "workspaces-login-phone.png");
    await signInWithForm(gridPage, url(), "grid", "/report");
    await gridPage.getByRole("button", { name: "使用我的位置" }).click();
    await gridPage.getByText("所属网格：清河社区第1网格").waitFor();
    await gridPage.getByLabel("风险类别").selectOption("unlicensed_training");
    await gridPage.getByLabel("严重程度（建议，可选）").selectOption("major");
    await gridPage.getByLabel("标题", { exact: true }).fill(title);
    await gridPage.getByLabel("情况描述").fill("放学后有二十多名学生进出民房，门口无任何办学许可公示。");
    await gridPage.locator(".report-photos input[type=file]").setInputFiles({
      name: "door.jpg",
      mimeType: "image/jpeg",
      buffer: await noisyJpeg(1200, 900),
    });
    await gridPage.locator(".report-photos__list img").waitFor();
    await expectAccessible(gridPage, "report");
    await expectNoSideways(gridPage);
    await shoot(gridPage, "workspaces-report-phone.png");
    await gridPage.getByRole("button", { name: "发送上报" }).click();
    await gridPage.getByText(/已上报，事件编号/).waitFor();

    const stored = await EventModel.findOne({ title }).lean();
    expect(stored?.status).to.equal("reported");
    expect(stored?.attachments ?? []).to.have.length(1);
    eventId = String(stored?._id);
    // The desk was open before the report: the row arrives over the socket, flashed.
    await deskPage.locator(".queue__row--new", { hasText: title }).waitFor({ timeout: 15_000 });
    await expectAccessible(deskPage, "desk");
    await shoot(deskPage, "workspaces-desk.png");
  });

  it("lets the township claim, assess and dispatch to a lead and an assisting department, with translated checks", async () => {
    await deskPage.locator(".queue__row", { hasText: title }).getByRole("link").click();
    await deskPage.waitForURL(`**/events/${eventId}`);
    await deskPage.getByRole("button", { name: "认领" }).click();
    await deskPage.getByRole("button", { name: "研判" }).waitFor();
    await deskPage.getByRole("button", { name: "研判" }).click();
    // Sent without a lead department, the shared schema's check is shown in Chinese.
    await deskPage.locator(".action-form").getByRole("button", { name: "提交" }).click();
    const leadError = deskPage.locator(".dispatch .field-error").first();
    await leadError.waitFor();
    expect(await leadError.textContent())
      .to.match(CJK)
      .and.not.include("hex");
    await deskPage.getByLabel("牵头部门").selectOption({ label: "区教育局（县区级）" });
    await deskPage.getByLabel("完成时限（可选）").first().fill(shanghaiLocal(3));
    await deskPage.getByRole("button", { name: "添加配合部门" }).click();
    await deskPage.getByLabel("部门", { exact: true }).selectOption({ label: "区市场监管局（县区级）" });
    await expectAccessible(deskPage, "event");
    await shoot(deskPage, "workspaces-event-dispatch.png");
    await deskPage.locator(".action-form").getByRole("button", { name: "提交" }).click();
    await deskPage.locator(".event-page__badges").getByText("已派遣").waitFor();
    const stored2 = await EventModel.findById(eventId).lean();
    expect(stored2?.status).to.equal("dispatched");
    expect(stored2?.tasks.map((task) => task.role).sort()).to.deep.equal(["assist", "lead"]);
  });

  /** A department handler accepts its task and completes it, with an evidence photo when asked. */
  async function handleTask(username: string, withPhoto: boolean): Promise<Page> {
    const context = await newContext(browser as Browser);
    const page = await context.newPage();
    await signInWithForm(page, url(), username, "/inbox");
    const pending = page.locator("section", { has: page.getByRole("heading", { name: /待接收/ }) });
    await pending.locator(".inbox__task", { hasText: title }).getByRole("button", { name: "接收任务" }).click();
    const accepted = page.locator("section", { has: page.getByRole("heading", { name: /处置中/ }) });
    const card = accepted.locator(".inbox__task", { hasText: title });
    await card.getByRole("button", { name: "完成任务" }).click();
    await card.getByLabel("处置结果").fill(`${username} 已现场检查并责令停止违规培训。`);
    if (withPhoto) {
      await card
        .getByLabel(/证据照片/)
        .setInputFiles({ name: "notice.jpg", mimeType: "image/jpeg", buffer: await noisyJpeg(800, 600) });
      await card.locator(".evidence img").waitFor();
      await expectAccessible(page, "inbox");
      await shoot(page, "workspaces-inbox-complete.png");
    }
    await card.getByRole("button", { name: "提交" }).click();
    const done = page.locator("section", { has: page.getByRole("heading", { name: /已完成/ }) });
    await done.locator(".inbox__task", { hasText: title }).waitFor();
    return page;
  }

  it("lets both departments accept and complete their tasks from the inbox, the lead with an evidence photo", async () => {
    const education = await handleTask("dept.education", true);
    await education.locator(".inbox__task", { hasText: title }).locator(".photos img").waitFor();
    await shoot(education, "workspaces-inbox-done.png");
    await handleTask("dept.market", false);
    const stored = await EventModel.findById(eventId).lean();
    expect(stored?.status).to.equal("handling");
    expect(stored?.tasks.map((task) => task.status)).to.deep.equal(["completed", "completed"]);
    const lead = stored?.tasks.find((task) => task.role === "lead");
    expect(lead?.evidence ?? []).to.have.length(1);
  });

  it("lets the township resolve and schedule a follow-up, and the grid worker record it effective: closed", async () => {
    // The event page follows the departments' work live: the resolve action appears by itself.
    await deskPage.getByRole("button", { name: "确认处置" }).click();
    await deskPage.getByLabel("处置总结").fill("两部门联合检查，责令停止无证培训并退还预收费用。");
    await deskPage.locator(".action-form").getByRole("button", { name: "提交" }).click();
    await deskPage.locator(".event-page__badges").getByText("已处置").waitFor();
    await deskPage.getByRole("button", { name: "安排回访" }).click();
    await deskPage.getByLabel("回访日期").fill(shanghaiLocal(2));
    await deskPage.locator(".action-form").getByRole("button", { name: "提交" }).click();
    await deskPage.locator(".event-page__badges").getByText("跟踪回访").waitFor();

    await gridPage.getByRole("link", { name: "回访任务" }).click();
    await gridPage.getByRole("link", { name: title }).click();
    await gridPage.getByRole("button", { name: "记录回访" }).click();
    await gridPage.getByLabel("说明").fill("回访时该处已无学生出入，家长表示满意。");
    await expectNoSideways(gridPage);
    await shoot(gridPage, "workspaces-follow-up-phone.png");
    await gridPage.locator(".action-form").getByRole("button", { name: "提交" }).click();
    await gridPage.locator(".event-page__badges").getByText("已结案").waitFor();
    const stored = await EventModel.findById(eventId).lean();
    expect(stored?.status).to.equal("closed");
    expect(stored?.timeline.map((entry) => entry.action)).to.include.members([
      "claim",
      "assess",
      "complete_task",
      "resolve",
      "schedule_follow_up",
      "record_follow_up",
    ]);
    await gridPage.getByRole("link", { name: "我的上报" }).click();
    await gridPage.locator(".mine-list__item", { hasText: title }).getByText("已结案").waitFor();
    await shoot(gridPage, "workspaces-mine-phone.png");
  });

  it("keeps a report made offline on the phone across a reload and sends it once when the network returns", async () => {
    const offlineTitle = `${title} 离线`;
    // The service worker keeps the shell, so that the page opens again without network.
    expect(await gridPage.evaluate("navigator.serviceWorker.ready.then(() => true)")).to.equal(true);
    await gridPage.goto(`${url()}/report`);
    expect(await gridPage.evaluate("Boolean(navigator.serviceWorker.controller)")).to.equal(true);
    await gridPage.locator(".report-map").click();
    await gridPage.getByText(/所属网格：/).waitFor();
    await gridContext.setOffline(true);
    await gridPage.getByLabel("风险类别").selectOption("unlicensed_training");
    await gridPage.getByLabel("标题", { exact: true }).fill(offlineTitle);
    await gridPage.getByLabel("情况描述").fill("信号差，先保存在手机上。");
    await gridPage.getByRole("button", { name: "发送上报" }).click();
    await gridPage.getByText("当前离线，上报已保存在本机，联网后自动发送。").waitFor();
    await gridPage.reload();
    const queued = gridPage.locator(".report-queue__item", { hasText: offlineTitle });
    await queued.getByText("等待联网").waitFor();
    await gridPage.locator(".connection--offline").waitFor();
    // The map's code was kept by the service worker too (its boundaries need the network).
    await gridPage.locator(".report-map.leaflet-container").waitFor();
    await expectNoSideways(gridPage);
    await shoot(gridPage, "workspaces-report-offline-phone.png");
    expect(await EventModel.countDocuments({ title: offlineTitle })).to.equal(0);

    await gridContext.setOffline(false);
    await queued.getByText(/已发送，事件编号/).waitFor({ timeout: 20_000 });
    // Online again and reloaded once more: nothing is sent a second time.
    await gridPage.reload();
    await gridPage
      .locator(".report-queue__item", { hasText: offlineTitle })
      .getByText(/已发送/)
      .waitFor();
    expect(await EventModel.countDocuments({ title: offlineTitle })).to.equal(1);
  });

  /** Switches `page` to English and expects no Chinese in the interface's own words under `selector`. */
  async function expectEnglish(page: Page, heading: string, selector: string, shot: string): Promise<void> {
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).to.equal("en");
    const texts = (await page.locator(selector).allTextContents()) as string[];
    expect(texts.filter((text) => CJK.test(text))).to.deep.equal([]);
    await shoot(page, shot);
    await page.getByRole("button", { name: "中文" }).click();
    await page.locator("html[lang='zh-CN']").waitFor();
  }

  it("switches the interface to English", async () => {
    // Labels, headings, buttons (the Chinese switch excepted): never the events' own data.
    const chrome = "nav, h1, h2, label, legend, button:not([lang='zh-CN']), .lead, .connection";
    await expectEnglish(gridPage, "Report a risk", chrome, "workspaces-report-english-phone.png");
    await deskPage.goto(`${url()}/desk`);
    await expectEnglish(deskPage, "Duty desk", `${chrome}, th, .desk__bar, .presence`, "workspaces-desk-english.png");
  });

  it("shows the duty officer what changed when an action meets a newer version, and retries on it", async () => {
    const worker = await signInAs(url(), "grid");
    const created = await report(url(), worker, buildReport(119.03, 33.58, { title: `${title} 冲突` }));
    expect(created.status, created.text).to.equal(201);
    const id = created.body.event.id as string;
    const page = await deskPage.context().newPage();
    // This page misses live messages (its socket reaches nothing), so it keeps the version it read.
    await page.routeWebSocket(/socket\.io/, () => undefined);
    await page.route(/socket\.io/, (route) => route.abort());
    await page.goto(`${url()}/events/${id}`);
    await page.getByRole("button", { name: "备注" }).click();
    await page.getByLabel("说明").fill("我的研判备注");
    const township = await signInAs(url(), "township");
    const meanwhile = await act(url(), township, id, { action: "comment", expectedVersion: 1, note: "同事先写的备注" });
    expect(meanwhile.status, meanwhile.text).to.equal(200);
    await page.locator(".action-form").getByRole("button", { name: "提交" }).click();
    const notice = page.locator(".notice--warn");
    await notice.getByText("同事先写的备注").waitFor();
    await expectAccessible(page, "event (conflict)");
    await shoot(page, "workspaces-event-conflict.png");
    await notice.getByRole("button", { name: "重新加载并在新版本上重试" }).click();
    await page.getByText("操作已完成。").waitFor();
    const stored = await EventModel.findById(id).lean();
    expect(stored?.timeline.map((entry) => entry.note)).to.include.members(["同事先写的备注", "我的研判备注"]);
    expect(stored?.version).to.equal(3);
    await page.close();
  });

  it("brings the desk up to date after its live connection was down through a server restart", async () => {
    await deskPage.goto(`${url()}/desk`);
    await deskPage.locator(".connection--live").waitFor();
    await deskPage.evaluate("window.samePage = 'yes'");
    const deskContext = deskPage.context();
    // The desk loses the network, and the server restarts on its port (the new one remembers no socket).
    await deskContext.setOffline(true);
    const port = new URL(url()).port;
    await (server as RunningServer).close();
    server = await startServer({
      config: testConfig({ MONGODB_URI: databaseUri(), PORT: port }),
      clientDistDir: path.resolve("client", "dist"),
      version: "test",
      waitForDatabase: true,
    });
    const missedTitle = `${title} 断线期间`;
    const worker = await signInAs(url(), "grid");
    const res = await report(url(), worker, buildReport(119.03, 33.58, { title: missedTitle }));
    expect(res.status, res.text).to.equal(201);
    await deskContext.setOffline(false);
    await deskPage.locator(".connection--live").waitFor({ timeout: 20_000 });
    await deskPage.locator(".queue__row", { hasText: missedTitle }).waitFor({ timeout: 15_000 });
    expect(await deskPage.evaluate("window.samePage")).to.equal("yes");
  });
});
