import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { seriousAxeViolations } from "./widget-page.js";

/** Debian's Chromium, driven by playwright-core: never a downloaded browser. */
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = path.join(import.meta.dirname, "..", "..", "test-artifacts");

/** The `skip` option of a browser suite: a reason when Chromium is missing. */
export const skipWithoutChromium = existsSync(CHROMIUM)
  ? false
  : `Chromium is not installed at ${CHROMIUM}; install it with: apt-get install -y chromium (CI's .ci/run does)`;

/** The screens every widget test runs on. */
export const DEVICES: [string, BrowserContextOptions][] = [
  ["desktop", { viewport: { width: 1280, height: 800 } }],
  ["360", { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }],
];

/** The panel's background in the dark theme. */
export const DARK_BG = "rgb(27, 31, 42)";

/** Starts headless Chromium, with the folder screenshots go to. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A screenshot in test-artifacts/, which CI keeps. */
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

export async function assertNoSeriousAxeViolations(page: Page, state: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `axe, ${state}: ${JSON.stringify(violations, null, 1)}`);
}

export const panelBackground = (page: Page) => page.locator("citebot-widget .panel").evaluate((el) => getComputedStyle(el).backgroundColor);
