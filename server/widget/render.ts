import type { Citation } from "../../core/types.js";
import { h, icon } from "./dom.js";
import { highlightQuotes, quotesCiting } from "./highlight.js";
import type { Message } from "./store.js";

/** What the passage sheet shows: the passage, whether the answer cited it, and the sentences it quotes. */
export interface PassageView {
  citation: Citation;
  related: boolean;
  quotes: string[];
}

export interface MessageActions {
  openPassage(view: PassageView, from: HTMLElement): void;
  retry(messageId: string): void;
}

type BotMessage = Extract<Message, { kind: "bot" }>;

/** One message of the log. Everything from the server goes in as text nodes. */
export function renderMessage(message: Message, actions: MessageActions): HTMLElement {
  if (message.kind === "user") return h("div", { class: "msg user", "data-id": message.id }, h("p", {}, message.text));
  return renderBot(message, actions);
}

function renderBot(m: BotMessage, actions: MessageActions): HTMLElement {
  const abstained = m.response?.abstained === true;
  const el = h("div", {
    class: `msg bot ${m.status}${abstained ? " abstained" : ""}`,
    "data-id": m.id,
    "aria-busy": m.status === "streaming" ? "true" : "false",
  });
  if (abstained) el.append(h("p", { class: "badge" }, icon("info"), "Not covered by the documents"));
  if (m.text) el.append(answerText(m.text, m.citations, actions));
  else if (m.status === "streaming") el.append(h("p", { class: "typing", "aria-label": "Answering" }, h("span"), h("span"), h("span")));

  if (m.status === "error") {
    const retry = h("button", { type: "button", class: "retry" }, icon("retry"), "Retry");
    retry.addEventListener("click", () => actions.retry(m.id));
    el.append(h("p", { class: "error-text", role: "alert" }, m.error ?? "Something went wrong."), retry);
  }
  const cited = m.status === "done" ? m.citations : [];
  if (cited.length) el.append(sourceList("Sources", cited, m.text, actions, false));
  const related = abstained ? (m.response?.related ?? []) : [];
  if (related.length) el.append(sourceList("Closest passages", related, "", actions, true));
  return el;
}

/** The answer, with each `[n]` that names a known citation turned into a chip button. */
function answerText(text: string, citations: readonly Citation[], actions: MessageActions): HTMLElement {
  const p = h("p", { class: "answer" });
  const byId = new Map(citations.map((c) => [c.id, c]));
  let last = 0;
  for (const match of text.matchAll(/\[(\d{1,3})\]/g)) {
    const citation = byId.get(Number(match[1]));
    if (!citation) continue;
    p.append(text.slice(last, match.index));
    p.append(chip(citation, text, actions));
    last = match.index + match[0].length;
  }
  p.append(text.slice(last));
  return p;
}

function chip(citation: Citation, answer: string, actions: MessageActions): HTMLButtonElement {
  const button = h(
    "button",
    { type: "button", class: "chip", "aria-label": `Source ${citation.id}: ${citation.title}`, title: citation.title },
    String(citation.id),
  );
  button.addEventListener("click", () => actions.openPassage({ citation, related: false, quotes: quotesCiting(answer, citation.id) }, button));
  return button;
}

function sourceList(label: string, citations: readonly Citation[], answer: string, actions: MessageActions, related: boolean): HTMLElement {
  const items = citations.map((c) => {
    const button = h(
      "button",
      { type: "button", class: "source" },
      related ? null : h("span", { class: "num" }, String(c.id)),
      h("span", { class: "source-title" }, c.title),
      c.page !== null ? h("span", { class: "page" }, `p. ${c.page}`) : null,
    );
    const quotes = related ? [] : quotesCiting(answer, c.id);
    button.addEventListener("click", () => actions.openPassage({ citation: c, related, quotes }, button));
    return h("li", {}, button);
  });
  return h("div", { class: "sources" }, h("p", { class: "sources-label" }, label), h("ul", {}, ...items));
}

/** The contents of the passage sheet: which source, where in it, and the passage with the quoted sentences marked. */
export function renderPassage({ citation, related, quotes }: PassageView, titleId: string): Node[] {
  const where = [citation.source, citation.page !== null ? `page ${citation.page}` : ""].filter(Boolean).join(" · ");
  return [
    h("p", { class: "sheet-label" }, related ? "Related passage (not cited)" : `Source ${citation.id}`),
    h("h3", { id: titleId }, citation.title),
    h("p", { class: "sheet-meta" }, where),
    h("blockquote", { class: "passage-text" }, ...highlightQuotes(citation.text, quotes)),
  ];
}
