import { plainAnswer } from "./answer-layout.js";
import { ChatError, streamChat } from "./api.js";
import { copyAnswer } from "./copy-answer.js";
import { h, icon } from "./dom.js";
import { trapFocus } from "./focus-trap.js";
import type { WidgetOptions } from "./options.js";
import { mountPanel, type PanelParts } from "./panel.js";
import { renderMessage, speaker, suggestionGroup } from "./render.js";
import { revealStart } from "./reveal.js";
import { renderPassage, type PassageView } from "./sources.js";
import { ConversationStore, historyOf, type Conversation, type Message, type Rating } from "./store.js";
import { sendVote } from "./vote.js";

type BotMessage = Extract<Message, { kind: "bot" }>;

/**
 * The chat bubble and panel inside a shadow root: state, rendering and the conversation with /api/chat.
 * `open`, `close` and `ask` are the host page's API (window.citebot); it hears `citebot:answer` and
 * `citebot:feedback` events, dispatched on the widget's element and bubbling to the document.
 */
export class ChatWidget {
  readonly #host: Element;
  readonly #options: WidgetOptions;
  readonly #store: ConversationStore;
  readonly #state: Conversation;
  #inflight: AbortController | undefined;
  #returnFocus: HTMLElement | undefined;
  #seq = 0;

  readonly #ui: PanelParts;

  constructor(root: ShadowRoot, options: WidgetOptions) {
    this.#host = root.host;
    this.#options = options;
    this.#store = new ConversationStore(options.apiBase);
    this.#state = this.#store.load();
    this.#ui = mountPanel(root, options);
    this.#wire();
    this.#renderLog();
    this.#setOpen(this.#state.open || options.openOnLoad, false);
  }

  open(): void {
    this.#setOpen(true, true);
  }

  close(): void {
    this.#setOpen(false, true);
  }

  /** Opens the panel and asks `question`, stopping an answer still streaming. */
  ask(question: string): void {
    this.#setSheet(false);
    this.#setOpen(true, true);
    this.#inflight?.abort();
    this.#ask(question);
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
    trapFocus(sheet);
    this.#updateComposer();
  }

  #setOpen(open: boolean, moveFocus: boolean): void {
    const { panel, shell, launcher, input } = this.#ui;
    panel.hidden = !open;
    shell.classList.toggle("open", open);
    launcher.setAttribute("aria-expanded", String(open));
    // Not "Close chat": that is the header's button, and two buttons must not share a name.
    launcher.setAttribute("aria-label", `${open ? "Hide" : "Open"} chat: ${this.#options.title}`);
    launcher.replaceChildren(icon(open ? "close" : "chat"));
    this.#state.open = open;
    this.#save();
    if (!moveFocus) return;
    if (open) {
      input.focus();
      this.#revealLast();
    } else launcher.focus();
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
      const badge = bot.response?.abstained ? "Not covered by the documents. " : "";
      this.#ui.announcer.textContent = `${this.#options.name}: ${badge}${plainAnswer(bot.text)}`;
      this.#emit("citebot:answer", { question: bot.question, response: bot.response });
    } catch (err) {
      bot.status = "error";
      bot.error = abort.signal.aborted ? "Stopped." : err instanceof ChatError ? err.message : "Something went wrong. Please try again.";
    } finally {
      if (this.#inflight === abort) this.#inflight = undefined;
      this.#updateComposer();
      update();
      this.#save();
    }
  }

  async #vote(bot: BotMessage, rating: Rating, comment?: string): Promise<boolean> {
    try {
      bot.vote = await sendVote(this.#options.apiBase, bot, rating, comment);
    } catch {
      return false;
    }
    this.#save();
    this.#emit("citebot:feedback", { question: bot.question, answer: bot.text, rating, comment });
    return true;
  }

  #openPassage(view: PassageView, from: HTMLElement): void {
    this.#returnFocus = from;
    this.#ui.sheetBody.replaceChildren(...renderPassage(view, "cb-passage-title"));
    this.#setSheet(true);
    // Title and source stay in view; the passage scrolls to the first quoted sentence.
    const passage = this.#ui.sheetBody.querySelector<HTMLElement>(".passage-text");
    const mark = passage?.querySelector("mark");
    if (passage) passage.scrollTop = mark ? Math.max(0, mark.offsetTop - 24) : 0;
    this.#ui.back.focus();
  }

  #closePassage(): void {
    this.#setSheet(false);
    (this.#returnFocus?.isConnected ? this.#returnFocus : this.#ui.input).focus();
  }

  /** The sheet is modal: what is behind it is inert (and Tab is kept inside by trapFocus). */
  #setSheet(open: boolean): void {
    const { sheet, head, log, form } = this.#ui;
    sheet.hidden = !open;
    for (const behind of [head, log, form]) behind.inert = open;
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
    const greeting = h("div", { class: "msg bot greeting" }, speaker(this.#options.name), h("p", {}, this.#options.greeting));
    const starters = this.#state.messages.length
      ? null
      : suggestionGroup(this.#options.suggestions, (question) => {
          this.#ui.input.focus(); // the button goes away with the empty conversation
          this.#ask(question);
        });
    this.#ui.log.replaceChildren(...[greeting, starters, ...this.#state.messages.map((m) => this.#messageElement(m))].filter((e) => e !== null));
    this.#revealLast();
  }

  #renderMessage(message: Message): void {
    const current = this.#ui.log.querySelector(`[data-id="${message.id}"]`);
    if (current) current.replaceWith(this.#messageElement(message));
    this.#reveal(message.id);
  }

  #messageElement(message: Message): HTMLElement {
    return renderMessage(message, this.#options.name, {
      openPassage: (view, from) => this.#openPassage(view, from),
      retry: (id) => this.#retry(id),
      copy: copyAnswer,
      vote: (m, rating) => this.#vote(m, rating),
      comment: (m, text) => this.#vote(m, m.vote?.rating ?? "down", text.trim()),
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

  #revealLast(): void {
    const last = this.#state.messages.at(-1);
    if (last) this.#reveal(last.id);
  }

  #reveal(id: string): void {
    const el = this.#ui.log.querySelector(`[data-id="${id}"]`);
    if (el) revealStart(this.#ui.log, el);
  }

  #emit(type: "citebot:answer" | "citebot:feedback", detail: unknown): void {
    this.#host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }

  #nextId(): string {
    return `${Date.now().toString(36)}-${(this.#seq++).toString(36)}`;
  }

  #save(): void {
    this.#store.save(this.#state);
  }
}
