import { ChatError, streamChat } from "./api.js";
import { h, icon, iconButton } from "./dom.js";
import type { WidgetOptions } from "./options.js";
import { renderMessage, renderPassage, type PassageView } from "./render.js";
import { ConversationStore, historyOf, type Conversation, type Message } from "./store.js";
import { CSS } from "./styles.js";

type BotMessage = Extract<Message, { kind: "bot" }>;

/** The chat bubble and panel inside a shadow root: state, rendering and the conversation with /api/chat. */
export class ChatWidget {
  readonly #options: WidgetOptions;
  readonly #store: ConversationStore;
  readonly #state: Conversation;
  #inflight: AbortController | undefined;
  #returnFocus: HTMLElement | undefined;
  #seq = 0;

  readonly #shell = h("div", { class: "cb" });
  readonly #launcher = h("button", { type: "button", class: "launcher", "aria-controls": "cb-panel" });
  readonly #panel = h("section", { id: "cb-panel", class: "panel", role: "dialog", "aria-labelledby": "cb-title", hidden: true });
  readonly #log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
  readonly #input = h("textarea", { rows: "1", maxlength: "2000", "aria-label": "Your question" });
  readonly #send = h("button", { type: "submit", class: "send" });
  readonly #sheet = h("div", { class: "sheet", role: "dialog", "aria-modal": "true", "aria-labelledby": "cb-passage-title", hidden: true });
  readonly #sheetBody = h("div", { class: "sheet-body" });

  constructor(root: ShadowRoot, options: WidgetOptions) {
    this.#options = options;
    this.#store = new ConversationStore(options.apiBase);
    this.#state = this.#store.load();
    adoptStyles(root);
    this.#shell.classList.add(options.position);
    this.#shell.style.setProperty("--cb-accent", options.accent);
    this.#build();
    root.append(this.#shell);
    this.#renderLog();
    this.#setOpen(this.#state.open || options.openOnLoad, false);
  }

  #build(): void {
    const clear = iconButton("trash", "Clear conversation");
    const close = iconButton("close", "Close chat");
    const back = h("button", { type: "button", class: "back", "aria-label": "Back to the conversation" }, icon("back"), "Back");
    const form = h("form", { class: "composer" }, this.#input, this.#send);
    this.#input.placeholder = this.#options.placeholder;
    this.#sheet.append(h("div", { class: "sheet-bar" }, back), this.#sheetBody);
    this.#panel.append(
      h("header", { class: "head" }, h("h2", { id: "cb-title" }, this.#options.title), clear, close),
      this.#log,
      form,
      this.#sheet,
    );
    this.#shell.append(this.#launcher, this.#panel);

    this.#launcher.addEventListener("click", () => this.#setOpen(this.#panel.hidden, true));
    close.addEventListener("click", () => this.#setOpen(false, true));
    clear.addEventListener("click", () => this.#clear());
    back.addEventListener("click", () => this.#closePassage());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (this.#inflight) this.#inflight.abort();
      else this.#ask(this.#input.value);
    });
    this.#input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    this.#input.addEventListener("input", () => this.#fitInput());
    this.#shell.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      if (!this.#sheet.hidden) this.#closePassage();
      else if (!this.#panel.hidden) this.#setOpen(false, true);
    });
    this.#updateComposer();
  }

  #setOpen(open: boolean, moveFocus: boolean): void {
    this.#panel.hidden = !open;
    this.#shell.classList.toggle("open", open);
    this.#launcher.setAttribute("aria-expanded", String(open));
    this.#launcher.setAttribute("aria-label", open ? "Close chat" : `Open chat: ${this.#options.title}`);
    this.#launcher.replaceChildren(icon(open ? "close" : "chat"));
    this.#state.open = open;
    this.#save();
    if (!moveFocus) return;
    if (open) {
      this.#input.focus();
      this.#scrollToEnd();
    } else this.#launcher.focus();
  }

  #ask(raw: string): void {
    const question = raw.trim();
    if (!question) return;
    const history = historyOf(this.#state.messages);
    this.#state.messages.push({ kind: "user", id: this.#nextId(), text: question });
    const bot: BotMessage = { kind: "bot", id: this.#nextId(), question, text: "", citations: [], status: "streaming" };
    this.#state.messages.push(bot);
    this.#input.value = "";
    this.#fitInput();
    void this.#stream(bot, history);
  }

  #retry(id: string): void {
    const index = this.#state.messages.findIndex((m) => m.id === id);
    const bot = this.#state.messages[index];
    if (!bot || bot.kind !== "bot" || this.#inflight) return;
    Object.assign(bot, { text: "", citations: [], status: "streaming", error: undefined, response: undefined });
    void this.#stream(bot, historyOf(this.#state.messages.slice(0, index - 1)));
  }

  async #stream(bot: BotMessage, history: ReturnType<typeof historyOf>): Promise<void> {
    const abort = new AbortController();
    this.#inflight = abort;
    this.#updateComposer();
    this.#renderLog();
    const update = () => this.#renderMessage(bot);
    try {
      await streamChat(
        this.#options.apiBase,
        { question: bot.question, history },
        {
          onCitations: (citations) => ((bot.citations = citations), update()),
          onToken: (text) => ((bot.text += text), update()),
          onDone: (response) => {
            Object.assign(bot, { text: response.answer, citations: response.citations, response, status: "done" });
          },
        },
        abort.signal,
      );
    } catch (err) {
      bot.status = "error";
      bot.error = abort.signal.aborted ? "Stopped." : err instanceof ChatError ? err.message : "Something went wrong. Please try again.";
    } finally {
      this.#inflight = undefined;
      this.#updateComposer();
      update();
      this.#save();
    }
  }

  #openPassage(view: PassageView, from: HTMLElement): void {
    this.#returnFocus = from;
    this.#sheetBody.replaceChildren(...renderPassage(view, "cb-passage-title"));
    this.#sheet.hidden = false;
    // Title and source stay in view; the passage scrolls to the first quoted sentence.
    const passage = this.#sheetBody.querySelector<HTMLElement>(".passage-text");
    const mark = passage?.querySelector("mark");
    if (passage) passage.scrollTop = mark ? Math.max(0, mark.offsetTop - 24) : 0;
    this.#sheet.querySelector("button")?.focus();
  }

  #closePassage(): void {
    this.#sheet.hidden = true;
    this.#returnFocus?.focus();
  }

  #clear(): void {
    this.#inflight?.abort();
    this.#state.messages = [];
    this.#closePassage();
    this.#renderLog();
    this.#save();
    this.#input.focus();
  }

  #renderLog(): void {
    const greeting = h("div", { class: "msg bot greeting" }, h("p", {}, this.#options.greeting));
    this.#log.replaceChildren(greeting, ...this.#state.messages.map((m) => this.#messageElement(m)));
    this.#scrollToEnd();
  }

  #renderMessage(message: Message): void {
    const current = this.#log.querySelector(`[data-id="${message.id}"]`);
    if (current) current.replaceWith(this.#messageElement(message));
    this.#scrollToEnd();
  }

  #messageElement(message: Message): HTMLElement {
    return renderMessage(message, {
      openPassage: (view, from) => this.#openPassage(view, from),
      retry: (id) => this.#retry(id),
    });
  }

  #updateComposer(): void {
    const busy = this.#inflight !== undefined;
    this.#send.replaceChildren(icon(busy ? "stop" : "send"));
    this.#send.setAttribute("aria-label", busy ? "Stop answering" : "Send");
  }

  #fitInput(): void {
    this.#input.style.height = "auto";
    this.#input.style.height = `${this.#input.scrollHeight + 2}px`;
  }

  #scrollToEnd(): void {
    this.#log.scrollTop = this.#log.scrollHeight;
  }

  #nextId(): string {
    return `${Date.now().toString(36)}-${(this.#seq++).toString(36)}`;
  }

  #save(): void {
    this.#store.save(this.#state);
  }
}

/** Constructable stylesheets are not blocked by a host page's CSP `style-src`; older browsers get a <style>. */
function adoptStyles(root: ShadowRoot): void {
  if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(h("style", {}, CSS));
  }
}
