import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect } from "chai";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { TEST_PASSWORD } from "../helpers/accounts";

/** Where the browser tests keep their screenshots (a CI artifact). */
export const SHOTS = path.resolve("screenshots");
/** The system's Chromium; the browser tests skip without it. */
export const CHROMIUM = "/usr/bin/chromium";
/** Flags for headless Chromium on a CI machine. */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"];
/** The phone the grid worker reports from. */
export const PHONE = { width: 390, height: 844 };

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A browser context in zh-CN (the default language), on a phone or a desk screen. */
export function newContext(
  browser: Browser,
  options: { phone?: boolean; geolocation?: { longitude: number; latitude: number } } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: options.phone ? PHONE : { width: 1280, height: 800 },
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    locale: "zh-CN",
    timezoneId: "Europe/London",
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ["geolocation"] } : {}),
  });
}

/** Signs in through the login form and waits for the role's home page. */
export async function signInWithForm(page: Page, baseUrl: string, username: string, home: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(`**${home}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is and fails on any serious or critical violation, naming them. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not apply.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)",
  )) as AxeViolation[];
  const grave = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const described = grave.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(" "))
        .join(", ")}`,
  );
  expect(described, `accessibility of the ${name} page`).to.deep.equal([]);
}

/** Saves a screenshot of the whole page under `SHOTS`. */
export async function shoot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
}

/** Fails when the page is wider than its viewport (a horizontal scroll bar on the phone). */
export async function expectNoSideways(page: Page): Promise<void> {
  const widths = (await page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")) as number[];
  expect(widths[0], "page width against the viewport").to.be.at.most((widths[1] ?? 0) + 1);
}
