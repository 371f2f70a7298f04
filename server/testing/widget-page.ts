import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";

/** Locators and probes for the widget inside its (open) shadow root; Playwright's CSS pierces shadow DOM. */
export function widgetOn(page: Page, title: string) {
  const dialog = page.getByRole("dialog", { name: title, exact: true });
  return {
    launcher: page.locator("citebot-widget .launcher"),
    dialog,
    input: dialog.getByRole("textbox", { name: "Your question" }),
    log: dialog.getByRole("log"),
    bots: dialog.locator(".msg.bot:not(.greeting)"),
    users: dialog.locator(".msg.user"),
    sheet: dialog.getByRole("dialog"),
    /** Sends a question with the keyboard and waits for its answer to finish (done or error). */
    async ask(question: string): Promise<Locator> {
      const before = await dialog.locator(".msg.bot:not(.greeting)").count();
      await this.input.fill(question);
      await this.input.press("Enter");
      return this.answer(before);
    },
    /** The nth answer, once it is done or failed. */
    async answer(nth: number): Promise<Locator> {
      const answer = dialog.locator(".msg.bot:not(.greeting)").nth(nth);
      await answer.and(page.locator(".done, .error")).waitFor({ timeout: 15_000 });
      return answer;
    },
    /** The class list of the element focused inside the shadow root. */
    focused(): Promise<string> {
      return page.evaluate(() => {
        const active = document.querySelector("citebot-widget")?.shadowRoot?.activeElement;
        return active ? `${active.tagName.toLowerCase()}.${[...active.classList].join(".")}` : "none";
      });
    },
    /** Whether the focused element is inside the passage sheet. */
    focusInSheet(): Promise<boolean> {
      return page.evaluate(() => Boolean(document.querySelector("citebot-widget")?.shadowRoot?.activeElement?.closest(".sheet")));
    },
  };
}

/** Records, on every DOM change of the log, whether the newest answer is busy and how long its text is. */
export async function recordStreaming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector("citebot-widget")?.shadowRoot;
    const log = root?.querySelector(".log");
    if (!root || !log) throw new Error("widget not mounted");
    const seen: { busy: string | null; length: number }[] = [];
    (window as unknown as { __stream: typeof seen }).__stream = seen;
    new MutationObserver(() => {
      const last = [...root.querySelectorAll(".msg.bot:not(.greeting)")].at(-1);
      if (last) seen.push({ busy: last.getAttribute("aria-busy"), length: last.querySelector(".answer")?.textContent?.length ?? 0 });
    }).observe(log, { childList: true, subtree: true, characterData: true });
  });
}

export function streamingRecord(page: Page): Promise<{ busy: string | null; length: number }[]> {
  return page.evaluate(() => (window as unknown as { __stream: { busy: string | null; length: number }[] }).__stream);
}

/** Records each text the widget's live region takes (what a screen reader would announce). */
export async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector("citebot-widget")?.shadowRoot?.querySelector('[aria-live="polite"]');
    if (!region) throw new Error("no live region");
    const said: string[] = [];
    (window as unknown as { __said: string[] }).__said = said;
    new MutationObserver(() => said.push(region.textContent ?? "")).observe(region, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __said: string[] }).__said);
}

/** Collects the widget's `citebot:*` events as the host page hears them (on document). */
export async function recordWidgetEvents(page: Page): Promise<() => Promise<{ type: string; detail: Record<string, unknown> }[]>> {
  await page.evaluate(() => {
    const heard: { type: string; detail: unknown }[] = [];
    (window as unknown as { __heard: typeof heard }).__heard = heard;
    for (const type of ["citebot:answer", "citebot:feedback"]) {
      document.addEventListener(type, (e) => heard.push({ type, detail: (e as CustomEvent).detail }));
    }
  });
  return () => page.evaluate(() => (window as unknown as { __heard: { type: string; detail: Record<string, unknown> }[] }).__heard);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the widget (its shadow tree included); returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE); // evaluated over DevTools: the page's CSP does not apply
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const host = document.querySelector("citebot-widget");
    if (!host) throw new Error("widget not mounted");
    const { violations } = await axe.run(host, { resultTypes: ["violations"] });
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}
