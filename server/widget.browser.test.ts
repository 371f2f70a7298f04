import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import express from "express";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { AskResponse, Citation } from "../core/types.js";
import { listen, type Listening } from "./listen.js";
import { serveCorpus } from "./testing/corpus-server.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { slowTokens } from "./testing/slow-tokens.js";
import { startTestServer, type TestServer } from "./testing/start.js";
import { recordStreaming, streamingRecord, widgetOn } from "./testing/widget-page.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ARTIFACTS = path.join(import.meta.dirname, "..", "test-artifacts");
const TITLE = "Ask citebot"; // the demo page's data-title
const QUESTION = "Which borders did Hegseth say it was unrealistic for Ukraine to return to?";
const skip = existsSync(CHROMIUM) ? false : `Chromium is not installed at ${CHROMIUM}; install it with: apt-get install -y chromium (CI's .ci/run does)`;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

/** The `done` payload of a captured /api/chat response body. */
function doneOf(sse: string): AskResponse {
  const frame = sse.split("\n\n").find((f) => f.startsWith("event: done"));
  assert.ok(frame, "the stream has a done event");
  return JSON.parse(frame.slice(frame.indexOf("data: ") + 6)) as AskResponse;
}

describe("widget in Chromium", { skip }, () => {
  let browser: Browser;
  // The real engine over ../shared/corpus, its tokens slowed down so the test can watch them arrive.
  const srv = serveCorpus((engine) => slowTokens(engine, 40));
  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(() => browser?.close());

  describe("demo page, desktop", () => {
    let context: BrowserContext;
    let page: Page;
    let w: ReturnType<typeof widgetOn>;
    before(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
      page = await context.newPage();
      await page.goto(`${srv.url}/`);
      w = widgetOn(page, TITLE);
    });
    after(() => context.close());

    test("widget · keyboard · Enter on the bubble opens the dialog with the input focused, Escape closes", async () => {
      await w.launcher.focus();
      await page.keyboard.press("Enter");
      await w.dialog.waitFor();
      assert.equal(await w.launcher.getAttribute("aria-expanded"), "true");
      assert.equal(await w.focused(), "textarea.");
      await page.keyboard.press("Escape");
      await w.dialog.waitFor({ state: "hidden" });
      assert.equal(await w.focused(), "button.launcher", "focus returns to the bubble");
      await w.launcher.click();
      await w.dialog.waitFor();
    });

    test("widget · question · the answer streams in, then shows citation chips and sources", async () => {
      await recordStreaming(page);
      const answer = await w.ask(QUESTION);
      const record = await streamingRecord(page);
      const partial = record.filter((r) => r.busy === "true" && r.length > 0).map((r) => r.length);
      assert.ok(new Set(partial).size >= 2, `text grew while streaming: ${JSON.stringify(record)}`);
      assert.equal(await answer.getAttribute("aria-busy"), "false");
      assert.ok((await answer.locator(".chip").count()) >= 1, "markers became chips");
      assert.doesNotMatch((await answer.locator(".answer").textContent()) ?? "", /\[\d+\]/);
      assert.ok((await answer.locator(".sources .source").count()) >= 1);
      assert.match((await answer.locator(".answer").textContent()) ?? "", /1991 borders/);
      await shot(page, "widget-desktop-answer");
    });

    test("widget · citation chip · opens the passage with title, source and text; Escape returns to the chip", async () => {
      const chip = w.bots.last().locator(".chip").first();
      const label = (await chip.getAttribute("aria-label")) ?? "";
      await chip.click();
      await w.sheet.waitFor();
      const title = label.replace(/^Source \d+: /, "");
      assert.equal(await w.sheet.getByRole("heading").textContent(), title);
      assert.match((await w.sheet.locator(".sheet-meta").textContent()) ?? "", /\S/);
      assert.match((await w.sheet.locator(".passage-text").textContent()) ?? "", /borders/);
      const quoted = (await w.sheet.locator(".passage-text mark").first().textContent()) ?? "";
      assert.ok(quoted.length > 20, "the quoted sentence is highlighted in the passage");
      const answerText = ((await w.bots.last().locator(".answer").textContent()) ?? "").replace(/\s+/g, " ");
      assert.ok(answerText.includes(quoted.replace(/\s+/g, " ")), `highlight is a sentence of the answer: ${quoted}`);
      assert.match((await w.sheet.locator(".sheet-meta").textContent()) ?? "", /\.txt$/);
      await shot(page, "widget-desktop-passage");
      await page.keyboard.press("Escape");
      await w.sheet.waitFor({ state: "hidden" });
      assert.equal(await w.focused(), "button.chip");
      await w.dialog.waitFor();
    });

    test("widget · follow-up that needs the first answer · history sent, question rewritten, answered", async () => {
      const response = page.waitForResponse((r) => r.url().endsWith("/api/chat"));
      const answer = await w.ask("Where does he say America's priorities lie?");
      const request = (await response).request();
      const body = JSON.parse(request.postData() ?? "{}") as { history?: { role: string; content: string }[] };
      assert.deepEqual(body.history?.map((t) => t.role), ["user", "assistant"]);
      assert.equal(body.history?.[0]?.content, QUESTION);
      const done = doneOf(await (await response).text());
      assert.match(done.query, /Hegseth/, "'he' was resolved from the first exchange");
      assert.match((await answer.locator(".answer").textContent()) ?? "", /Indo-Pacific/);
      assert.equal(await w.bots.count(), 2);
    });

    test("widget · question the documents cannot answer · shown as abstained, not as an answer", async () => {
      const answer = await w.ask("What is the capital of Australia?");
      assert.match((await answer.getAttribute("class")) ?? "", /\babstained\b/);
      assert.equal(await answer.locator(".badge").textContent(), "Not covered by the documents");
      assert.equal(await answer.locator(".chip").count(), 0);
      await shot(page, "widget-desktop-abstained");
    });

    test("widget · reload · the conversation and open state are kept", async () => {
      const before = await w.log.textContent();
      await page.reload();
      await w.dialog.waitFor();
      assert.equal(await w.users.count(), 3);
      assert.equal(await w.bots.count(), 3);
      assert.equal(await w.log.textContent(), before);
      assert.ok((await w.bots.first().locator(".chip").count()) >= 1, "chips still work after reload");
    });

    test("widget · server error · readable message and a retry that succeeds", async () => {
      await page.route("**/api/chat", (route) =>
        route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: { code: "INDEX_NOT_READY", message: "The index is still being built; try again shortly" } }),
        }),
      );
      const failed = await w.ask("Is it ready?");
      assert.match((await failed.getByRole("alert").textContent()) ?? "", /still being built/);
      await shot(page, "widget-desktop-error");
      await page.unroute("**/api/chat");
      await failed.getByRole("button", { name: "Retry" }).click();
      await w.bots.last().and(page.locator(".done")).waitFor();
      assert.equal(await w.bots.count(), 4, "the retry reuses the failed message");
    });

    test("widget · clear · empties the conversation for good", async () => {
      await w.dialog.getByRole("button", { name: "Clear conversation" }).click();
      assert.equal(await w.bots.count(), 0);
      await page.reload();
      await w.dialog.waitFor();
      assert.equal(await w.users.count(), 0);
    });
  });

  describe("narrow screen", () => {
    test("widget · 360 px wide · the panel fits the screen and works", async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      try {
        const page = await context.newPage();
        await page.goto(`${srv.url}/`);
        const w = widgetOn(page, TITLE);
        await shot(page, "widget-360-closed");
        await w.launcher.click();
        const answer = await w.ask(QUESTION);
        const box = await w.dialog.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `panel inside the viewport: ${JSON.stringify(box)}`);
        const sendBox = await w.dialog.getByRole("button", { name: "Send" }).boundingBox();
        assert.ok(sendBox && sendBox.x + sendBox.width <= 360, "send button visible");
        assert.ok((await answer.locator(".chip").count()) >= 1);
        await shot(page, "widget-360-answer");
        await answer.locator(".chip").first().click();
        await w.sheet.waitFor();
        await shot(page, "widget-360-passage");
      } finally {
        await context.close();
      }
    });
  });

  describe("hostile content on a third-party page", () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const citation: Citation = {
      id: 1,
      source: "evil.html",
      title: `Evil ${hostile}`,
      page: 2,
      chunkId: "evil.html#0",
      text: `Before ${hostile} after <script>window.__pwned=2</script>.`,
      score: 1,
    };
    let evil: TestServer;
    let hostPage: Listening;
    before(async () => {
      evil = await startTestServer(createStandInEngine({ citations: [citation], answer: `It says ${hostile} [1].` }));
      const html =
        `<!doctype html><title>Blog</title><h1>Someone's blog</h1><script src="${evil.url}/widget.js" data-api-base="${evil.url}" ` +
        `data-title="Blog help" data-position="left" data-accent="#0a7d55" data-open="true" defer></script>`;
      hostPage = await listen(express().get("/", (_req, res) => res.type("html").send(html)), "127.0.0.1", 0);
    });
    after(async () => {
      await evil?.close();
      await hostPage?.close();
    });

    test("widget · passage and answer with HTML · shown as text, nothing executed or inserted", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
      try {
        const page = await context.newPage();
        // A host page on another origin, without a CSP: innerHTML anywhere would run the payload here.
        // (It is served from loopback too: Chromium blocks public pages from loading loopback resources.)
        await page.goto(hostPage.url);
        const w = widgetOn(page, "Blog help");
        await w.dialog.waitFor();
        const answer = await w.ask("What does it say?");
        assert.match((await answer.locator(".answer").textContent()) ?? "", /It says <img src=x onerror="window.__pwned=1">/);
        await answer.locator(".chip").first().click();
        assert.equal(await w.sheet.locator(".passage-text").textContent(), citation.text);
        assert.equal(await w.sheet.getByRole("heading").textContent(), citation.title);
        const inserted = await page.evaluate(() => document.querySelector("citebot-widget")?.shadowRoot?.querySelectorAll("img, script").length);
        assert.equal(inserted, 0);
        assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
        await shot(page, "widget-hostile-passage");
      } finally {
        await context.close();
      }
    });
  });
});
