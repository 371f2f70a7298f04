import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { AskResponse } from "../core/types.js";
import { assertNoSeriousAxeViolations, DARK_BG, DEVICES, launchChromium, panelBackground, shot, skipWithoutChromium } from "./testing/chromium.js";
import { serveCorpus } from "./testing/corpus-server.js";
import { feedbackCli } from "./testing/feedback-cli.js";
import { slowTokens } from "./testing/slow-tokens.js";
import { recordAnnouncements, recordStreaming, recordWidgetEvents, streamingRecord, widgetOn } from "./testing/widget-page.js";

const TITLE = "Ask citebot"; // the demo page's data-title
const NAME = "citebot"; // its data-name
const QUESTION = "Which borders did Hegseth say it was unrealistic for Ukraine to return to?";

/** The `done` payload of a captured /api/chat response body. */
function doneOf(sse: string): AskResponse {
  const frame = sse.split("\n\n").find((f) => f.startsWith("event: done"));
  assert.ok(frame, "the stream has a done event");
  return JSON.parse(frame.slice(frame.indexOf("data: ") + 6)) as AskResponse;
}

describe("widget on the demo page, in Chromium", { skip: skipWithoutChromium }, () => {
  let browser: Browser;
  const feedbackDb = path.join(os.tmpdir(), `citebot-widget-feedback-${process.pid}.sqlite`);
  // The real engine over ../shared/corpus, its tokens slowed down so the test can watch them arrive.
  const srv = serveCorpus((engine) => slowTokens(engine, 40), { FEEDBACK_DB: feedbackDb });
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await rm(feedbackDb, { force: true });
    await rm(`${feedbackDb}-wal`, { force: true });
    await rm(`${feedbackDb}-shm`, { force: true });
  });

  for (const [device, options] of DEVICES) {
    describe(`demo page, ${device}`, () => {
      let context: BrowserContext;
      let page: Page;
      let w: ReturnType<typeof widgetOn>;
      before(async () => {
        context = await browser.newContext(options);
        await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: srv.url });
        page = await context.newPage();
        await page.goto(`${srv.url}/`);
        w = widgetOn(page, TITLE);
      });
      after(() => context.close());

      test(`widget · ${device} · keyboard · Enter on the bubble opens the dialog with the input focused, Escape closes; input is 16 px`, async () => {
        await w.launcher.focus();
        await page.keyboard.press("Enter");
        await w.dialog.waitFor();
        assert.equal(await w.launcher.getAttribute("aria-expanded"), "true");
        assert.equal(await w.focused(), "textarea.");
        assert.equal(await w.input.evaluate((el) => getComputedStyle(el).fontSize), "16px", "iOS zooms into inputs under 16 px");
        const names = await w.dialog.getByRole("button").evaluateAll((els) => els.map((el) => el.getAttribute("aria-label") ?? el.textContent));
        assert.equal(new Set(names).size, names.length, `distinct button names: ${names.join(" | ")}`);
        assert.notEqual(await w.launcher.getAttribute("aria-label"), "Close chat");
        await page.keyboard.press("Escape");
        await w.dialog.waitFor({ state: "hidden" });
        assert.equal(await w.focused(), "button.launcher", "focus returns to the bubble");
        await w.launcher.click();
        await w.dialog.waitFor();
      });

      test(`widget · ${device} · question · streams, then paragraphs, compact chips, one source per document, shown from its start, announced once`, async () => {
        await recordStreaming(page);
        const said = await recordAnnouncements(page);
        const response = page.waitForResponse((r) => r.url().endsWith("/api/chat"));
        const answer = await w.ask(QUESTION);
        const done = doneOf(await (await response).text());
        const record = await streamingRecord(page);
        const partial = record.filter((r) => r.busy === "true" && r.length > 0).map((r) => r.length);
        assert.ok(new Set(partial).size >= 2, `text grew while streaming: ${JSON.stringify(record)}`);
        assert.equal(await answer.getAttribute("aria-busy"), "false");
        const text = (await answer.locator(".answer").textContent()) ?? "";
        assert.match(text, /1991 borders/);
        assert.doesNotMatch(text, /\[\d+\]/);

        const markers = done.answer.match(/\[\d+\]/g) ?? [];
        const chips = await answer.locator(".chip").allTextContents();
        assert.deepEqual([...new Set(chips)].sort(), done.citations.map((c) => String(c.id)).sort(), "every citation has a chip");
        assert.ok(chips.length < markers.length, `a run of sentences from one passage shows one chip (${chips.length} chips, ${markers.length} markers)`);
        assert.ok((await answer.locator(".answer p").count()) >= 2, "paragraphs, not one block");

        const documents = new Set(done.citations.map((c) => c.source));
        assert.equal(await answer.locator(".sources li").count(), documents.size, "one source entry per document");
        const titles = await answer.locator(".sources .doc-title").allTextContents();
        assert.deepEqual(titles, [...new Set(done.citations.map((c) => c.title))]);
        assert.doesNotMatch(titles.join(" "), /\.txt/, "titles, not file names");

        const [logBox, answerBox] = [await w.log.boundingBox(), await answer.boundingBox()];
        assert.ok(
          logBox && answerBox && answerBox.y >= logBox.y - 1 && answerBox.y < logBox.y + logBox.height / 2,
          `the answer's first lines are in view: log ${JSON.stringify(logBox)}, answer ${JSON.stringify(answerBox)}`,
        );

        assert.equal(await w.log.getAttribute("aria-live"), "off", "the streaming log is not read out piece by piece");
        const announced = await said();
        assert.equal(announced.length, 1, `one announcement: ${JSON.stringify(announced)}`);
        assert.ok(announced[0]?.startsWith(`${NAME}: `) && announced[0].includes("1991 borders"), announced[0]);
        assert.equal(await answer.locator(".sr-only").first().textContent(), `${NAME}: `, "who speaks, for screen readers");
        assert.equal(await w.users.last().locator(".sr-only").textContent(), "You: ");
        await shot(page, `widget-${device}-answer`);
        await assertNoSeriousAxeViolations(page, `${device} answer`);
      });

      test(`widget · ${device} · citation chip · opens the passage; focus stays in the sheet; Escape returns to the chip`, async () => {
        const chip = w.bots.last().locator(".chip").first();
        const label = (await chip.getAttribute("aria-label")) ?? "";
        await chip.click();
        await w.sheet.waitFor();
        assert.equal(await w.sheet.getByRole("heading").textContent(), label.replace(/^Source \d+: /, ""));
        assert.match((await w.sheet.locator(".passage-text").textContent()) ?? "", /borders/);
        const quoted = (await w.sheet.locator(".passage-text mark").first().textContent()) ?? "";
        assert.ok(quoted.length > 20, "the quoted sentence is highlighted in the passage");
        const answerText = ((await w.bots.last().locator(".answer").textContent()) ?? "").replace(/\s+/g, " ");
        assert.ok(answerText.includes(quoted.replace(/\s+/g, " ")), `highlight is a sentence of the answer: ${quoted}`);
        assert.doesNotMatch((await w.sheet.textContent()) ?? "", /\.txt/, "no hashed file name where the title is readable");
        await shot(page, `widget-${device}-passage`);
        await assertNoSeriousAxeViolations(page, `${device} passage sheet`);
        for (const key of ["Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
          await page.keyboard.press(key);
          assert.ok(await w.focusInSheet(), `after ${key} focus is still in the sheet (${await w.focused()})`);
        }
        await page.keyboard.press("Escape");
        await w.sheet.waitFor({ state: "hidden" });
        assert.equal(await w.focused(), "button.chip");
        await w.dialog.waitFor();
      });

      test(`widget · ${device} · copy, thumbs down and a comment · clipboard holds answer and sources; feedback stored; event heard`, async () => {
        const heard = await recordWidgetEvents(page);
        const answer = w.bots.last();
        await answer.getByRole("button", { name: "Copy answer" }).click();
        await answer.getByText("Copied").waitFor();
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        assert.match(copied, /1991 borders[\s\S]*\n\nSources:\n\[1\] /);

        const posted = page.waitForResponse((r) => r.url().endsWith("/api/feedback"));
        await answer.getByRole("button", { name: "Not helpful answer" }).click();
        assert.equal((await posted).status(), 201);
        assert.equal(await answer.getByRole("button", { name: "Not helpful answer" }).getAttribute("aria-pressed"), "true");
        const comment = answer.getByRole("textbox", { name: "What was wrong or missing? (optional)" });
        await comment.fill(`It should name the 2014 borders first (${device})`);
        const commented = page.waitForResponse((r) => r.url().endsWith("/api/feedback"));
        await answer.getByRole("button", { name: "Send comment" }).click();
        assert.equal((await commented).status(), 201);
        await answer.getByText("Thanks for your feedback!").waitFor();
        const events = await heard();
        assert.deepEqual(
          events.map((e) => [e.type, e.detail.rating]),
          [
            ["citebot:feedback", "down"],
            ["citebot:feedback", "down"],
          ],
        );
        const stored = srv.feedback.list().find((r) => r.comment?.includes(`(${device})`));
        assert.ok(stored, "the comment is stored");
        assert.equal(stored.question, QUESTION);
        assert.ok(stored.chunkIds.length >= 1 && stored.chunkIds.every((id) => /\.txt#\d+$/.test(id)), JSON.stringify(stored.chunkIds));
        await shot(page, `widget-${device}-feedback`);
      });

      test(`widget · ${device} · follow-up that needs the first answer · history sent, question rewritten, answered`, async () => {
        const response = page.waitForResponse((r) => r.url().endsWith("/api/chat"));
        const answer = await w.ask("Where does he say America's priorities lie?");
        const body = JSON.parse((await response).request().postData() ?? "{}") as { history?: { role: string; content: string }[] };
        assert.deepEqual(
          body.history?.map((t) => t.role),
          ["user", "assistant"],
        );
        assert.equal(body.history?.[0]?.content, QUESTION);
        assert.match(doneOf(await (await response).text()).query, /Hegseth/, "'he' was resolved from the first exchange");
        assert.match((await answer.locator(".answer").textContent()) ?? "", /Indo-Pacific/);
      });

      test(`widget · ${device} · question the documents cannot answer · shown as abstained, with the closest passages`, async () => {
        const answer = await w.ask("What is the capital of Australia?");
        assert.match((await answer.getAttribute("class")) ?? "", /\babstained\b/);
        assert.equal(await answer.locator(".badge").textContent(), "Not covered by the documents");
        assert.equal(await answer.locator(".chip").count(), 0);
        assert.ok((await answer.locator(".sources .source").count()) >= 1);
        await shot(page, `widget-${device}-abstained`);
      });

      test(`widget · ${device} · reload · the conversation, open state and vote are kept`, async () => {
        const before = await w.log.textContent();
        await page.reload();
        await w.dialog.waitFor();
        assert.equal(await w.users.count(), 3);
        assert.equal(await w.log.textContent(), before);
        assert.equal(await w.bots.first().getByRole("button", { name: "Not helpful answer" }).getAttribute("aria-pressed"), "true");
        assert.ok((await w.bots.first().locator(".chip").count()) >= 1, "chips still work after reload");
      });

      test(`widget · ${device} · server error · readable message and a retry that succeeds`, async () => {
        await page.route("**/api/chat", (route) =>
          route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "INDEX_NOT_READY", message: "The index is still being built; try again shortly" } }),
          }),
        );
        const failed = await w.ask("Is it ready?");
        assert.match((await failed.getByRole("alert").textContent()) ?? "", /still being built/);
        await page.unroute("**/api/chat");
        await failed.getByRole("button", { name: "Retry" }).click();
        await w.bots.last().and(page.locator(".done")).waitFor();
        assert.equal(await w.bots.count(), 4, "the retry reuses the failed message");
      });

      test(`widget · ${device} · JS API · citebot.close(), .open(), .ask(q) drive the widget; citebot:answer is dispatched`, async () => {
        const heard = await recordWidgetEvents(page);
        await page.evaluate(() => window.citebot?.close());
        await w.dialog.waitFor({ state: "hidden" });
        await page.evaluate(() => window.citebot?.open());
        await w.dialog.waitFor();
        await page.evaluate((q) => window.citebot?.ask(q), "What did Kaja Kallas warn in Brussels?");
        const answer = await w.answer(4);
        assert.match((await answer.locator(".answer").textContent()) ?? "", /dirty deal/);
        const [event] = await heard();
        assert.equal(event?.type, "citebot:answer");
        assert.equal(event?.detail.question, "What did Kaja Kallas warn in Brussels?");
        assert.match((event?.detail.response as AskResponse).answer, /dirty deal/);
      });

      test(`widget · ${device} · clear, then a suggested question · empties the conversation; starters ask`, async () => {
        await w.dialog.getByRole("button", { name: "Clear conversation" }).click();
        assert.equal(await w.bots.count(), 0);
        const starters = w.dialog.getByRole("group", { name: "Suggested questions" }).getByRole("button");
        assert.deepEqual(await starters.allTextContents(), ["What did Hegseth say about Ukraine's borders?", "What did Kaja Kallas warn in Brussels?"]);
        await shot(page, `widget-${device}-suggestions`);
        await starters.first().click();
        const answer = await w.answer(0);
        assert.match((await answer.locator(".answer").textContent()) ?? "", /borders/);
        assert.equal(await starters.count(), 0, "starters only on an empty conversation");
        await w.dialog.getByRole("button", { name: "Clear conversation" }).click();
        await page.reload();
        await w.dialog.waitFor();
        assert.equal(await w.users.count(), 0);
      });
    });

    test(`widget · ${device} · dark page (prefers-color-scheme) · data-theme auto follows it; no serious axe violations`, async () => {
      const context = await browser.newContext({ ...options, colorScheme: "dark" });
      try {
        const page = await context.newPage();
        await page.goto(`${srv.url}/`);
        const w = widgetOn(page, TITLE);
        await w.launcher.click();
        const answer = await w.ask(QUESTION);
        assert.equal(await panelBackground(page), DARK_BG);
        await answer.getByRole("button", { name: "Helpful answer", exact: true }).click();
        await answer.getByText("Thanks!").waitFor();
        await shot(page, `widget-${device}-dark`);
        await assertNoSeriousAxeViolations(page, `${device} dark`);
        await answer.locator(".chip").first().click();
        await w.sheet.waitFor();
        await shot(page, `widget-${device}-dark-passage`);
        await assertNoSeriousAxeViolations(page, `${device} dark passage`);
      } finally {
        await context.close();
      }
    });
  }

  test("feedback · given in the browser · exported by npm run feedback (jsonl and gold candidates)", async () => {
    const jsonl = (await feedbackCli(feedbackDb, "--format", "jsonl", "--since", new Date(Date.now() - 3_600_000).toISOString())).stdout;
    const records = jsonl
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { rating: string; comment: string | null; question: string });
    assert.deepEqual(
      records.filter((r) => r.rating === "down").map((r) => r.comment),
      DEVICES.map(([d]) => `It should name the 2014 borders first (${d})`),
    );
    assert.equal(records.filter((r) => r.rating === "up").length, DEVICES.length, "the dark-mode votes");
    const gold = (await feedbackCli(feedbackDb, "--format", "gold")).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { question: string; answerable: unknown });
    assert.deepEqual(
      gold.map((g) => [g.question, g.answerable]),
      DEVICES.map(() => [QUESTION, null]),
    );
  });
});
