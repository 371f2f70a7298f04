import { h } from "./dom.js";

/** The sentences of an answer that carry the marker `[id]` (the text before each run of markers). */
export function quotesCiting(answer: string, id: number): string[] {
  const quotes: string[] = [];
  for (const m of answer.matchAll(/([^[\]]+?)((?:\s*\[\d{1,3}\])+)/g)) {
    const ids = [...(m[2] ?? "").matchAll(/\d+/g)].map(Number);
    const sentence = (m[1] ?? "").trim();
    if (ids.includes(id) && sentence.length > 12) quotes.push(sentence);
  }
  return quotes;
}

/**
 * The passage as text nodes, with the quoted sentences wrapped in <mark> (whitespace-tolerant, since the
 * extractive answer quotes with cleaned whitespace). A quote that is not found (a paraphrase) marks nothing.
 */
export function highlightQuotes(text: string, quotes: readonly string[]): (string | HTMLElement)[] {
  const ranges: [number, number][] = [];
  for (const quote of quotes) {
    const pattern = new RegExp(quote.split(/\s+/).map(escapeRegExp).join("\\s+"));
    const found = pattern.exec(text);
    if (found) ranges.push([found.index, found.index + found[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: (string | HTMLElement)[] = [];
  let last = 0;
  for (const [start, end] of ranges) {
    if (start < last) continue; // overlapping quotes: the first one wins
    parts.push(text.slice(last, start), h("mark", {}, text.slice(start, end)));
    last = end;
  }
  parts.push(text.slice(last));
  return parts;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
