import type { Citation } from "../../core/types.js";
import { answerView } from "./answer-view.js";
import { h, icon } from "./dom.js";
import { quotesCiting } from "./highlight.js";
import { answerActions, type AnswerActions } from "./message-actions.js";
import { sourceList, titleOf, type PassageView } from "./sources.js";
import type { Message } from "./store.js";

export interface MessageActions extends AnswerActions {
  openPassage(view: PassageView, from: HTMLElement): void;
  retry(messageId: string): void;
}

type BotMessage = Extract<Message, { kind: "bot" }>;

/** One message of the log, which says who speaks to screen readers. Everything from the server goes in as text nodes. */
export function renderMessage(message: Message, name: string, actions: MessageActions): HTMLElement {
  if (message.kind === "user") return h("div", { class: "msg user", "data-id": message.id }, speaker("You"), h("p", {}, message.text));
  return renderBot(message, name, actions);
}

export const speaker = (who: string): HTMLElement => h("span", { class: "sr-only" }, `${who}: `);

function renderBot(m: BotMessage, name: string, actions: MessageActions): HTMLElement {
  const abstained = m.response?.abstained === true;
  const el = h(
    "div",
    { class: `msg bot ${m.status}${abstained ? " abstained" : ""}`, "data-id": m.id, "aria-busy": m.status === "streaming" ? "true" : "false" },
    speaker(name),
  );
  if (abstained) el.append(h("p", { class: "badge" }, icon("info"), "Not covered by the documents"));
  // The generator is known once the answer is done; only an LLM's answer is read as markdown.
  const markdown = m.status === "done" && !(m.response?.generator ?? "extractive").startsWith("extractive");
  const open = (citation: Citation, related: boolean, from: HTMLElement) =>
    actions.openPassage({ citation, related, quotes: related ? [] : quotesCiting(m.text, citation.id) }, from);
  if (m.text) el.append(answerView(m.text, m.citations, markdown, (c) => chip(c, (from) => open(c, false, from))));
  else if (m.status === "streaming") el.append(h("p", { class: "typing", "aria-label": "Answering" }, h("span"), h("span"), h("span")));

  if (m.status === "error") {
    const retry = h("button", { type: "button", class: "retry" }, icon("retry"), "Retry");
    retry.addEventListener("click", () => actions.retry(m.id));
    el.append(h("p", { class: "error-text", role: "alert" }, m.error ?? "Something went wrong."), retry);
  }
  if (m.status !== "done") return el;
  if (m.citations.length) el.append(sourceList("Sources", m.citations, false, (c, from) => open(c, false, from)));
  const related = abstained ? (m.response?.related ?? []) : [];
  if (related.length) el.append(sourceList("Closest passages", related, true, (c, from) => open(c, true, from)));
  el.append(answerActions(m, actions));
  return el;
}

function chip(citation: Citation, open: (from: HTMLElement) => void): HTMLButtonElement {
  const name = `Source ${citation.id}: ${titleOf(citation)}`;
  const button = h("button", { type: "button", class: "chip", "aria-label": name, title: name }, String(citation.id));
  button.addEventListener("click", () => open(button));
  return button;
}

/** Starter questions as buttons (none when there are none). */
export function suggestionGroup(questions: readonly string[], ask: (question: string) => void): HTMLElement | null {
  if (!questions.length) return null;
  const buttons = questions.map((q) => {
    const button = h("button", { type: "button", class: "suggestion" }, q);
    button.addEventListener("click", () => ask(q));
    return button;
  });
  return h("div", { class: "suggestions", role: "group", "aria-label": "Suggested questions" }, ...buttons);
}
