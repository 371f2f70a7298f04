import type { Chunk, SourceDocument } from "../core/types.js";
import { splitSentences, type Span } from "./text/sentences.js";

export interface ChunkOptions {
  /** Maximum characters per chunk. */
  chunkSize: number;
  /** Maximum characters of whole sentences repeated from the end of the previous chunk. */
  chunkOverlap: number;
}

/**
 * Sentence-aware chunking: whole sentences are packed up to `chunkSize` characters, consecutive chunks share
 * whole sentences up to `chunkOverlap` characters, and a sentence longer than `chunkSize` is cut at word
 * boundaries. A chunk may span paragraphs but never a PDF page, so its page number holds for all its text.
 * Every chunk's text is exactly `doc.text.slice(start, end)`.
 */
export function chunkDocument(doc: SourceDocument, opts: ChunkOptions): Chunk[] {
  const { chunkSize, chunkOverlap } = opts;
  if (!(chunkSize > 0) || !(chunkOverlap >= 0) || chunkOverlap >= chunkSize) {
    throw new RangeError(`chunkOverlap (${chunkOverlap}) must be >= 0 and below chunkSize (${chunkSize})`);
  }
  const units = splitSentences(doc.text).flatMap((s) => splitLongSpan(doc.text, s, chunkSize));
  const spans = groupsByPage(units, doc.pages).flatMap((group) => pack(group, chunkSize, chunkOverlap));
  return spans.map(({ start, end }, ordinal) => ({
    id: `${doc.source}#${ordinal}`,
    source: doc.source,
    title: doc.title,
    page: pageAt(doc.pages, start),
    date: doc.date,
    start,
    end,
    text: doc.text.slice(start, end),
  }));
}

/** Greedy packing of units into windows, stepping back over whole units for the overlap. */
function pack(units: Span[], size: number, overlap: number): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  let first = 0;
  while (first < units.length) {
    let last = first;
    while (last + 1 < units.length && spanOf(units, first, last + 1) <= size) last++;
    windows.push({ start: units[first]!.start, end: units[last]!.end });
    if (last + 1 >= units.length) break;
    first = nextFirst(units, first, last, size, overlap);
  }
  return windows;
}

/** The first unit of the next window: the earliest unit after `first` whose tail fits the overlap and leaves room for new text. */
function nextFirst(units: Span[], first: number, last: number, size: number, overlap: number): number {
  for (let k = first + 1; k <= last; k++) {
    if (spanOf(units, k, last) <= overlap && spanOf(units, k, last + 1) <= size) return k;
  }
  return last + 1;
}

function spanOf(units: Span[], from: number, to: number): number {
  return units[to]!.end - units[from]!.start;
}

/** Cuts a span longer than `size` at the last whitespace that fits (hard cut when a single word is longer). */
function splitLongSpan(text: string, span: Span, size: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > size) {
    const window = text.slice(start, start + size + 1);
    const cut = window.search(/\s\S*$/u);
    let end = cut > 0 ? start + cut : start + size;
    while (end > start + 1 && /\s/u.test(text[end - 1]!)) end--;
    pieces.push({ text: text.slice(start, end), start, end });
    start = end;
    while (start < span.end && /\s/u.test(text[start]!)) start++;
  }
  if (start < span.end) pieces.push({ text: text.slice(start, span.end), start, end: span.end });
  return pieces;
}

/** Splits units by the page they fall on; documents without pages form one group. */
function groupsByPage(units: Span[], pages: SourceDocument["pages"]): Span[][] {
  const groups = new Map<number | null, Span[]>();
  for (const unit of units) {
    const page = pageAt(pages, unit.start);
    const group = groups.get(page);
    if (group) group.push(unit);
    else groups.set(page, [unit]);
  }
  return [...groups.values()];
}

/** The page whose span holds `offset` (spans are in text order, so a binary search finds it). */
function pageAt(pages: SourceDocument["pages"], offset: number): number | null {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = pages[mid]!;
    if (offset < span.start) hi = mid - 1;
    else if (offset >= span.end) lo = mid + 1;
    else return span.page;
  }
  return null;
}
