import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { Citation } from "../../../core/types.js";
import type { Prompts } from "../../../prompts/load.js";
import { defuseDocumentMarkers } from "../document-markers.js";

/** What the model writes, alone at the start of its reply, when the passages do not answer the question. */
const REFUSAL_TOKEN = "NO_ANSWER";

/** The abstention text when the model's own refusal sentence is missing or unusable. */
export const DEFAULT_REFUSAL = "The documents don't cover this question.";

/** The chat messages for one answer: the rules, then the numbered passages and the question. */
export async function buildAnswerMessages(prompts: Prompts, question: string, citations: readonly Citation[]): Promise<ChatCompletionMessageParam[]> {
  return [
    { role: "system", content: await prompts.answerSystem({ refusalToken: REFUSAL_TOKEN }) },
    { role: "user", content: await prompts.answerUser({ passages: formatPassages(citations), question }) },
  ];
}

/**
 * Passages as delimited, numbered blocks. Passage text is data: any tag that could close or open a
 * passage block is defused so a hostile document cannot end its block and speak as the user, and its own
 * bracketed numbers are parenthesised so the model cannot copy one that reads as a marker.
 */
export function formatPassages(citations: readonly Citation[]): string {
  return citations
    .map((c) => {
      const page = (c.page === null ? "" : ` page="${c.page}"`) + (c.section ? ` section="${attribute(c.section)}"` : "");
      const text = defuseDocumentMarkers(c.text.replace(/<(\/?)(passage)/giu, "‹$1$2"));
      return `<passage id="${c.id}" title="${attribute(c.title)}" source="${attribute(c.source)}"${page}>\n${text}\n</passage>`;
    })
    .join("\n\n");
}

const attribute = (s: string): string => s.replace(/["<>\s]+/gu, " ").trim();

/**
 * The model's refusal, if its reply is one: the sentence after the token when it is short plain text,
 * else the default. A reply that merely mentions the token mid-answer also counts as a refusal.
 */
export function parseRefusal(reply: string): string | undefined {
  const at = reply.indexOf(REFUSAL_TOKEN);
  if (at === -1) return undefined;
  const sentence = reply
    .slice(at + REFUSAL_TOKEN.length)
    .replace(/^[\s:.\-–—]+/u, "")
    .split("\n")[0]!
    .trim();
  const usable = sentence.length > 0 && sentence.length <= 300 && !/\[\d|</u.test(sentence) && !sentence.includes(REFUSAL_TOKEN);
  return usable ? sentence : DEFAULT_REFUSAL;
}

/**
 * Streams model text but holds back a reply's opening while it could still be the refusal token, so
 * the token itself never reaches the user. After the opening is decided, text passes through.
 */
export class RefusalGate {
  private held = "";
  private state: "undecided" | "answer" | "refusal" = "undecided";

  /** The text that may be shown now (possibly empty). */
  push(piece: string): string {
    if (this.state === "answer") return piece;
    if (this.state === "refusal") return "";
    this.held += piece;
    const opening = this.held.trimStart();
    if (opening.startsWith(REFUSAL_TOKEN)) this.state = "refusal";
    else if (!REFUSAL_TOKEN.startsWith(opening)) this.state = "answer";
    return this.state === "answer" ? this.held : "";
  }
}
