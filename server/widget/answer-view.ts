import type { Citation } from "../../core/types.js";
import { layoutMarkdown, layoutQuotes, type Block, type Inline } from "./answer-layout.js";
import { h } from "./dom.js";

/**
 * The answer as paragraphs and lists, each `[n]` a chip made by `chip`. An LLM's answer (`markdown`) gets its
 * lists and emphasis; the extractive composer's quotes are laid out without reading them as markdown. Every
 * piece of text goes in as a text node.
 */
export function answerView(text: string, citations: readonly Citation[], markdown: boolean, chip: (c: Citation) => HTMLElement): HTMLElement {
  const byId = new Map(citations.map((c) => [c.id, c]));
  const known = new Set(byId.keys());
  const blocks = markdown ? layoutMarkdown(text, known) : layoutQuotes(text, known);
  const line = (pieces: Inline[]): (Node | string)[] =>
    pieces.map((p) => {
      if (p.kind === "text") return p.text;
      if (p.kind === "cite") return h("span", { class: "cites" }, ...p.ids.map((id) => chip(byId.get(id)!)));
      return h(p.kind === "code" ? "code" : p.kind, {}, p.text);
    });
  const block = (b: Block): HTMLElement => {
    if (b.kind === "p") return h("p", {}, ...line(b.inlines));
    if (b.kind === "pre") return h("pre", {}, h("code", {}, b.text));
    return h(b.kind, {}, ...b.items.map((item) => h("li", {}, ...line(item))));
  };
  return h("div", { class: "answer" }, ...blocks.map(block));
}
