import type { Citation } from "../../core/types.js";
import { h, icon } from "./dom.js";
import { highlightQuotes } from "./highlight.js";

/** What the passage sheet shows: the passage, whether the answer cited it, and the sentences it quotes. */
export interface PassageView {
  citation: Citation;
  related: boolean;
  quotes: string[];
}

/** The title readers see: the document's own, the file name only when there is none. */
export const titleOf = (c: Citation): string => c.title.trim() || c.source;

/** Where in the document: "Section › Sub · p. 4" (empty when the document has neither). */
export const placeOf = (c: Citation): string => [c.section, c.page !== null ? `p. ${c.page}` : ""].filter(Boolean).join(" · ");

/** Only http(s) links are followed: a document's url could say `javascript:`. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
}

/** The document's title, as a link opening in a new tab when the citation has a safe url. */
export function documentTitle(c: Citation, className: string): HTMLElement {
  const href = safeUrl(c.url);
  if (!href) return h("span", { class: className }, titleOf(c));
  return h(
    "a",
    { class: className, href, target: "_blank", rel: "noopener noreferrer" },
    titleOf(c),
    h("span", { class: "sr-only" }, " (opens in a new tab)"),
    icon("external"),
  );
}

/**
 * One entry per document, in the order the answer first cites it: its title (linked when it has a url),
 * then a button per passage with its number and place, which opens the passage sheet.
 */
export function sourceList(label: string, citations: readonly Citation[], related: boolean, open: (c: Citation, from: HTMLElement) => void): HTMLElement {
  const byDocument = new Map<string, Citation[]>();
  for (const c of citations) byDocument.set(c.source, [...(byDocument.get(c.source) ?? []), c]);
  const entries = [...byDocument.values()].map((passages) => {
    const buttons = passages.map((c) => {
      // The name is the visible text with the hidden context around it (a name that differs from what is seen confuses voice control).
      const hidden = (text: string) => h("span", { class: "sr-only" }, text);
      const button = h(
        "button",
        { type: "button", class: "source", title: titleOf(c) },
        ...(related ? [hidden("Closest passage: ")] : [hidden("Source "), h("span", { class: "num" }, String(c.id)), hidden(": ")]),
        h("span", { class: "place" }, placeOf(c) || (related ? "Read passage" : "Passage")),
        hidden(` in ${titleOf(c)}`),
      );
      button.addEventListener("click", () => open(c, button));
      return button;
    });
    return h("li", {}, documentTitle(passages[0]!, "doc-title"), h("div", { class: "passages" }, ...buttons));
  });
  return h("div", { class: "sources" }, h("p", { class: "sources-label" }, label), h("ul", {}, ...entries));
}

/** The contents of the passage sheet: which document, where in it, and the passage with the quoted sentences marked. */
export function renderPassage({ citation, related, quotes }: PassageView, titleId: string): Node[] {
  const place = placeOf(citation);
  const href = safeUrl(citation.url);
  const link =
    href &&
    h(
      "a",
      { href, target: "_blank", rel: "noopener noreferrer" },
      "Open the document",
      h("span", { class: "sr-only" }, " (opens in a new tab)"),
      icon("external"),
    );
  const parts: (HTMLElement | null)[] = [
    h("p", { class: "sheet-label" }, related ? "Related passage (not cited)" : `Source ${citation.id}`),
    h("h3", { id: titleId }, titleOf(citation)),
    place || link ? h("p", { class: "sheet-meta" }, place, place && link ? " · " : "", link) : null,
    h("blockquote", { class: "passage-text", tabindex: "0", "aria-label": "Passage" }, ...highlightQuotes(citation.text, quotes)),
  ];
  return parts.filter((n) => n !== null);
}
