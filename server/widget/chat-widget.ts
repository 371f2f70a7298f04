import { ChatError, streamChat } from "./api.js";
import { h, icon } from "./dom.js";
import type { WidgetOptions } from "./options.js";
import { mountPanel, type PanelParts } from "./panel.js";
import { renderMessage, renderPassage, type PassageView } from "./render.js";
import { ConversationStore, historyOf, type Conversation, type Message } from "./store.js";

type BotMessage = Extract<Message, { kind: "bot" }>;

/** The chat bubble and panel inside a shadow root: state, rendering and the conversation with /api/chat. */
export class ChatWidget {
  readonly #options: WidgetOptions;
  readonly #store: ConversationStore;
  readonly #state: Conversation;
  #inflight: AbortController | undefined;
  #returnFocus: HTMLElement | undefined;
  #seq = 0;

  readonly #ui: PanelParts;

  constructor(root: ShadowRoot, options: WidgetOptions) {
    this.#options = options;
    this.#store = new ConversationStore(options.apiBase);
    this.#state = this.#store.load();
    this.#ui = mountPanel(root, options);
    this.#wire();
    this.#renderLog();
    this.#setOpen(this.#state.open || options.openOnLoad, false);
  }

  #wire(): void {
    const { launcher, panel, close, clear, back, form, input, sheet, shell } = this.#ui;
    launcher.addEventListener("click", () => this.#setOpen(panel.hidden, true));
    close.addEventListener("click", () => this.#setOpen(false, true));
    clear.addEventListener("click", () => this.#clear());
    back.addEventListener("click", () => this.#closePassage());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (this.#inflight) this.#inflight.abort();
      else this.#ask(input.value);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    input.addEventListener("input", () => this.#fitInput());
    shell.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      if (!sheet.hidden) this.#closePassage();
      else if (!panel.hidden) this.#setOpen(false, true);
    });
    this.#updateComposer();
  }

  #setOpen(open: boolean, moveFocus: boolean): void {
    this.#ui.panel.hidden = !open;
    this.#ui.shell.classList.toggle("open", open);
    this.#ui.launcher.setAttribute("aria-expanded", String(open));
    this.#ui.launcher.setAttribute("aria-label", open ? "Close chat" : `Open chat: ${this.#options.title}`);
    this.#ui.launcher.replaceChildren(icon(open ? "close" : "chat"));
    this.#state.open = open;
    this.#save();
    if (!moveFocus) return;
    if (open) {
      this.#ui.input.focus();
      this.#scrollToEnd();
    } else this.#ui.launcher.focus();
  }

  #ask(raw: string): void {
    const question = raw.trim();
    if (!question) return;
    const history = historyOf(this.#state.messages);
    this.#state.messages.push({ kind: "user", id: this.#nextId(), text: question });
    const bot: BotMessage = { kind: "bot", id: this.#nextId(), question, text: "", citations: [], status: "streaming" };
    this.#state.messages.push(bot);
    this.#ui.input.value = "";
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
    this.#ui.sheetBody.replaceChildren(...renderPassage(view, "cb-passage-title"));
    this.#ui.sheet.hidden = false;
    // Title and source stay in view; the passage scrolls to the first quoted sentence.
    const passage = this.#ui.sheetBody.querySelector<HTMLElement>(".passage-text");
    const mark = passage?.querySelector("mark");
    if (passage) passage.scrollTop = mark ? Math.max(0, mark.offsetTop - 24) : 0;
    this.#ui.sheet.querySelector("button")?.focus();
  }

  #closePassage(): void {
    this.#ui.sheet.hidden = true;
    this.#returnFocus?.focus();
  }

  #clear(): void {
    this.#inflight?.abort();
    this.#state.messages = [];
    this.#closePassage();
    this.#renderLog();
    this.#save();
    this.#ui.input.focus();
  }

  #renderLog(): void {
    const greeting = h("div", { class: "msg bot greeting" }, h("p", {}, this.#options.greeting));
    this.#ui.log.replaceChildren(greeting, ...this.#state.messages.map((m) => this.#messageElement(m)));
    this.#scrollToEnd();
  }

  #renderMessage(message: Message): void {
    const current = this.#ui.log.querySelector(`[data-id="${message.id}"]`);
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
    this.#ui.send.replaceChildren(icon(busy ? "stop" : "send"));
    this.#ui.send.setAttribute("aria-label", busy ? "Stop answering" : "Send");
  }

  #fitInput(): void {
    this.#ui.input.style.height = "auto";
    this.#ui.input.style.height = `${this.#ui.input.scrollHeight + 2}px`;
  }

  #scrollToEnd(): void {
    this.#ui.log.scrollTop = this.#ui.log.scrollHeight;
  }

  #nextId(): string {
    return `${Date.now().toString(36)}-${(this.#seq++).toString(36)}`;
  }

  #save(): void {
    this.#store.save(this.#state);
  }
}
