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
      const answer = dialog.locator(".msg.bot:not(.greeting)").nth(before);
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
