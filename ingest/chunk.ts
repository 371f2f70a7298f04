import type { Chunk, SourceDocument, TextBlock } from "../core/types.js";
import { sectionsOf, type Section } from "./clean/structure.js";
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
 * boundaries. A chunk never spans a PDF page, so its page number holds for all its text, nor a section boundary,
 * so its section path does (a heading with no text of its own joins the section after it). A code block or table
 * row that fits is one unit, never cut; a longer code block is cut between lines.
 * Every chunk's text is exactly `doc.text.slice(start, end)`.
 */
export function chunkDocument(doc: SourceDocument, opts: ChunkOptions): Chunk[] {
  const { chunkSize, chunkOverlap } = opts;
  if (!(chunkSize > 0) || !(chunkOverlap >= 0) || chunkOverlap >= chunkSize) {
    throw new RangeError(`chunkOverlap (${chunkOverlap}) must be >= 0 and below chunkSize (${chunkSize})`);
  }
  const sentences = splitSentences(doc.text);
  const units = keepBlocksWhole(sentences, doc.blocks ?? [], chunkSize).flatMap((s) => splitLongSpan(doc.text, s, chunkSize));
  const groups = groupUnits(units, doc.pages, sectionsOf(doc));
  const windows = groups.flatMap((group) => pack(group.units, chunkSize, chunkOverlap).map((w) => ({ ...w, section: group.section })));
  return windows.map(({ start, end, section }, ordinal) => ({
    id: `${doc.source}#${ordinal}`,
    source: doc.source,
    title: doc.title,
    page: pageAt(doc.pages, start),
    date: doc.date,
    start,
    end,
    text: doc.text.slice(start, end),
    ...(section ? { section } : {}),
    ...(doc.url ? { url: doc.url } : {}),
    ...(doc.metadata ? { metadata: doc.metadata } : {}),
  }));
}

/** Code blocks and table rows that fit in a chunk replace the sentences inside them by one unit. */
function keepBlocksWhole(sentences: Span[], blocks: readonly TextBlock[], size: number): Span[] {
  const whole = blocks.filter((b) => (b.kind === "code" || b.kind === "row") && b.end - b.start <= size);
  if (whole.length === 0) return sentences;
  const out: Span[] = [];
  let b = 0;
  for (const s of sentences) {
    while (b < whole.length && whole[b]!.end <= s.start) b++;
    const block = whole[b];
    if (!block || s.start < block.start) out.push(s);
    else if (out.at(-1)?.start !== block.start) out.push({ text: "", start: block.start, end: block.end });
  }
  return out;
}

interface Group {
  units: Span[];
  section: string | undefined;
}

/**
 * Consecutive units on one page and in one section. A group that holds only its section's heading (a chapter
 * heading directly followed by its first subsection) joins the next group on the same page, under that one's path.
 */
function groupUnits(units: Span[], pages: SourceDocument["pages"], sections: Section[]): Group[] {
  const groups: (Group & { page: number | null; index: number; headingOnly: boolean })[] = [];
  let index = -1;
  for (const unit of units) {
    while (index + 1 < sections.length && sections[index + 1]!.start <= unit.start) index++;
    const page = pageAt(pages, unit.start);
    const section = sections[index];
    const headingOnly = section !== undefined && unit.end <= section.bodyStart;
    const last = groups.at(-1);
    if (last && last.page === page && (last.index === index || last.headingOnly)) {
      last.units.push(unit);
      last.headingOnly = last.index === index ? last.headingOnly && headingOnly : headingOnly;
      last.index = index;
      last.section = section?.path;
    } else groups.push({ units: [unit], page, index, section: section?.path, headingOnly });
  }
  return groups;
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
