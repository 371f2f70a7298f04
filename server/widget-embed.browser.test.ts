import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import express from "express";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import type { Citation } from "../core/types.js";
import { listen, type Listening } from "./listen.js";
import { assertNoSeriousAxeViolations, DARK_BG, DEVICES, launchChromium, panelBackground, shot, skipWithoutChromium } from "./testing/chromium.js";
import { createStandInEngine, type StandInScript } from "./testing/stand-in-engine.js";
import { startTestServer, type TestServer } from "./testing/start.js";
import { widgetOn } from "./testing/widget-page.js";

describe("widget on a third-party page, in Chromium", { skip: skipWithoutChromium }, () => {
  let browser: Browser;
  const pages = new Map<string, string>();
  let hostPage: Listening;
  const servers: TestServer[] = [];
  before(async () => {
    browser = await launchChromium();
    hostPage = await listen(
      express().get("/:name", (req, res) => res.type("html").send(pages.get(req.params.name) ?? "")),
      "127.0.0.1",
      0,
    );
  });
  after(async () => {
    await browser?.close();
    await hostPage?.close();
    await Promise.all(servers.map((s) => s.close()));
  });
  /** A blog on another origin embedding the widget of `api` (which also serves the script unless `script` says). */
  const embed = (name: string, api: string, attrs: string, script = api) => {
    pages.set(
      name,
      `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Blog</title><h1>Someone's blog</h1><script src="${script}/widget.js" data-api-base="${api}" data-title="Blog help" data-open="true" ${attrs} defer></script>`,
    );
    return `${hostPage.url}/${name}`;
  };
  const serve = async (script: StandInScript, env: Record<string, string> = {}) => {
    const server = await startTestServer(createStandInEngine(script), env);
    servers.push(server);
    return server;
  };

  for (const [device, options] of DEVICES) {
    const onPage = async <T>(url: string, run: (page: Page, w: ReturnType<typeof widgetOn>) => Promise<T>, extra: BrowserContextOptions = {}) => {
      const context = await browser.newContext({ ...options, ...extra });
      try {
        const page = await context.newPage();
        // Served from loopback too: Chromium blocks public pages from loading loopback resources.
        await page.goto(url);
        const w = widgetOn(page, "Blog help");
        await w.dialog.waitFor();
        return await run(page, w);
      } finally {
        await context.close();
      }
    };

    test(`widget · ${device} · passage and answer with HTML · shown as text, nothing executed or inserted`, async () => {
      const hostile = '<img src=x onerror="window.__pwned=1">';
      const citation: Citation = {
        id: 1,
        source: "evil.html",
        title: `Evil ${hostile}`,
        page: 2,
        chunkId: "evil.html#0",
        text: `Before ${hostile} after <script>window.__pwned=2</script>.`,
        score: 1,
        url: "javascript:window.__pwned=3",
      };
      const evil = await serve({ citations: [citation], answer: `It says **${hostile}** [1].` });
      await onPage(embed(`hostile-${device}`, evil.url, 'data-position="left" data-accent="#0a7d55"'), async (page, w) => {
        const answer = await w.ask("What does it say?");
        assert.match((await answer.locator(".answer").textContent()) ?? "", /It says <img src=x onerror="window.__pwned=1">/);
        assert.equal(await answer.locator("a").count(), 0, "a javascript: url is not a link");
        await answer.locator(".chip").first().click();
        assert.equal(await w.sheet.locator(".passage-text").textContent(), citation.text);
        assert.equal(await w.sheet.getByRole("heading").textContent(), citation.title);
        const inserted = await page.evaluate(() => document.querySelector("citebot-widget")?.shadowRoot?.querySelectorAll("img, script").length);
        assert.equal(inserted, 0);
        assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
        await shot(page, `widget-${device}-hostile-passage`);
      });
    });

    test(`widget · ${device} · LLM answer with markdown, data-theme="dark" · lists and emphasis rendered, chips kept; sources grouped, with section, page and link`, async () => {
      const guide = { source: "guide.md", title: "Setup guide", url: "https://docs.example/guide", score: 1 };
      const citations: Citation[] = [
        { ...guide, id: 1, page: 4, section: "Install › Linux", chunkId: "guide.md#0", text: "Install it with apt." },
        { id: 2, source: "notes/2f9a1c.txt", title: "Release notes", page: null, chunkId: "notes/2f9a1c.txt#0", text: "Version 2 is out.", score: 0.5 },
        { ...guide, id: 3, page: 9, section: "Run", chunkId: "guide.md#3", text: "Then run it." },
      ];
      const llm = await serve({ citations, answer: "**Two** steps:\n\n1. Install it with *apt* [1]\n2. Then `run` it [3]\n\nVersion 2 is out [2]." });
      await onPage(embed(`markdown-${device}`, llm.url, 'data-theme="dark"'), async (page, w) => {
        const answer = await w.ask("How do I set it up?");
        assert.equal(await panelBackground(page), DARK_BG, "data-theme=dark on a light page");
        assert.deepEqual(await answer.locator(".answer ol li").allTextContents(), ["Install it with apt1", "Then run it3"]);
        assert.equal(await answer.locator(".answer strong").textContent(), "Two");
        assert.equal(await answer.locator(".answer em").textContent(), "apt");
        assert.equal(await answer.locator(".chip").count(), 3);
        assert.equal(await answer.locator(".sources li").count(), 2, "guide.md's two passages under one entry");
        const link = answer.locator(".sources li").first().getByRole("link");
        assert.deepEqual(
          [await link.textContent(), await link.getAttribute("href"), await link.getAttribute("target"), await link.getAttribute("rel")],
          ["Setup guide (opens in a new tab)", "https://docs.example/guide", "_blank", "noopener noreferrer"],
        );
        assert.deepEqual(await answer.locator(".sources li").first().locator(".place").allTextContents(), ["Install › Linux · p. 4", "Run · p. 9"]);
        assert.equal(await answer.locator(".sources li").nth(1).locator(".doc-title").textContent(), "Release notes");
        await shot(page, `widget-${device}-markdown-dark`);
        await assertNoSeriousAxeViolations(page, `${device} markdown dark`);
        await answer.locator(".chip").first().click();
        assert.match((await w.sheet.locator(".sheet-meta").textContent()) ?? "", /^Install › Linux · p\. 4 · Open the document/);
        assert.equal(await w.sheet.getByRole("link").getAttribute("href"), "https://docs.example/guide");
      });
    });

    test(`widget · ${device} · how-to answer quoting a command, from the composer and from an LLM · the command shown as a code block, as written`, async () => {
      const citation: Citation = { id: 1, source: "apt.html", title: "Package management", page: null, chunkId: "apt.html#0", text: "…", score: 1 };
      const command = "# apt --reinstall install postfix\n#   (as root)";
      const answers: [string, string][] = [
        ["extractive", `The following command reinstalls postfix:\n\`\`\`\n${command}\n\`\`\`\n[1] It works with apt-get too. [1]`],
        ["openai:gpt-4o-mini", `Reinstall it with apt [1]:\n\n\`\`\`sh\n${command}\n\`\`\`\n\nIt works with apt-get too [1].`],
      ];
      for (const [generator, answer] of answers) {
        const server = await serve({ citations: [citation], answer, generator });
        await onPage(embed(`howto-${generator}-${device}`, server.url, ""), async (page, w) => {
          const shown = await w.ask("How do I reinstall postfix?");
          assert.equal(await shown.locator(".answer pre code").textContent(), command, generator);
          assert.match((await shown.locator(".answer p").first().textContent()) ?? "", /postfix:|apt/u);
          assert.match((await shown.locator(".answer p").last().textContent()) ?? "", /^It works with apt-get too/u);
          await shot(page, `widget-${device}-howto-${generator.split(":")[0]}`);
        });
      }
    });

    test(`widget · ${device} · page origin not in CORS_ORIGINS · says the site is not allowed, not "can't reach"`, async () => {
      const strict = await serve({}, { CORS_ORIGINS: "https://shop.example" });
      await onPage(embed(`cors-${device}`, strict.url, ""), async (page, w) => {
        const failed = await w.ask("Hello?");
        const message = (await failed.getByRole("alert").textContent()) ?? "";
        assert.match(message, new RegExp(`This site \\(${hostPage.url.replace(/[.]/g, "\\.")}\\) is not allowed.*CORS_ORIGINS`));
        await shot(page, `widget-${device}-cors-refused`);
      });
      const down = await startTestServer(createStandInEngine());
      await down.close(); // its port now refuses connections
      await onPage(embed(`down-${device}`, down.url, "", strict.url), async (_page, w) => {
        assert.match((await (await w.ask("Hello?")).getByRole("alert").textContent()) ?? "", /^Can't reach the assistant/);
      });
    });

    test(`widget · ${device} · over the rate limit · says when to retry`, async () => {
      const limited = await serve({}, { RATE_LIMIT_PER_MINUTE: "1" });
      await onPage(embed(`limited-${device}`, limited.url, ""), async (page, w) => {
        assert.match((await (await w.ask("One?")).getAttribute("class")) ?? "", /\bdone\b/);
        const failed = await w.ask("Two?");
        assert.match((await failed.getByRole("alert").textContent()) ?? "", /^Too many questions at once\. Try again in \d+ s\.$/);
        await shot(page, `widget-${device}-rate-limited`);
      });
    });
  }
});
