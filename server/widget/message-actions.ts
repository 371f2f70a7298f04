import { h, icon } from "./dom.js";
import type { Message, Rating } from "./store.js";

type BotMessage = Extract<Message, { kind: "bot" }>;

export interface AnswerActions {
  copy(message: BotMessage): Promise<boolean>;
  /** Records the vote; resolves false when it could not be sent. */
  vote(message: BotMessage, rating: Rating): Promise<boolean>;
  comment(message: BotMessage, text: string): Promise<boolean>;
}

/**
 * Copy, thumbs up and thumbs down under a finished answer; after a vote, an optional comment. It updates
 * itself in place, so focus and a half-typed comment survive.
 */
export function answerActions(m: BotMessage, actions: AnswerActions): HTMLElement {
  const status = h("span", { class: "action-status", role: "status" });
  const say = (text: string) => (status.textContent = text);
  const copy = actionButton("copy", "Copy answer");
  copy.addEventListener("click", async () => say((await actions.copy(m)) ? "Copied" : "Couldn't copy"));
  const thumbs = (["up", "down"] as const).map((rating) => {
    const button = actionButton(rating, rating === "up" ? "Helpful answer" : "Not helpful answer");
    button.setAttribute("aria-pressed", String(m.vote?.rating === rating));
    button.addEventListener("click", async () => {
      const press = (chosen: Rating | undefined) => thumbs.forEach((b, i) => b.setAttribute("aria-pressed", String(chosen === (i ? "down" : "up"))));
      const before = m.vote?.rating;
      press(rating);
      if (!(await actions.vote(m, rating))) {
        press(before);
        return say("Couldn't send your feedback; try again");
      }
      say("Thanks!");
      if (m.vote?.commented) return;
      const form = commentForm(m, rating, actions, say);
      const shown = row.nextElementSibling;
      if (shown?.matches(".comment")) shown.replaceWith(form);
      else row.after(form);
    });
    return button;
  });
  const row = h("div", { class: "actions" }, copy, ...thumbs, status);
  return row;
}

function commentForm(m: BotMessage, rating: Rating, actions: AnswerActions, say: (text: string) => void): HTMLFormElement {
  const label = rating === "down" ? "What was wrong or missing? (optional)" : "Anything to add? (optional)";
  const input = h("textarea", { rows: "2", maxlength: "2000", "aria-label": label, placeholder: label });
  const form = h("form", { class: "comment" }, input, h("button", { type: "submit", class: "comment-send" }, "Send comment"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    if (!(await actions.comment(m, input.value))) return say("Couldn't send your comment; try again");
    form.remove();
    say("Thanks for your feedback!");
  });
  return form;
}

function actionButton(name: "copy" | Rating, label: string): HTMLButtonElement {
  return h("button", { type: "button", class: "act", "aria-label": label, title: label }, icon(name));
}
