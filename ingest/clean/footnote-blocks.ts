/**
 * Footnote blocks: the references a paged layout prints at the bottom of each page ("³ Andrew Roth, "…", in
 * *The Guardian*, 11 September 2024, https://…"). Left in place they cut the running text in two ("…Gaza and
 * even" [footnotes] "Canada has…"), so the sentence and its evidence land in different chunks. This step finds
 * them on raw layout lines (before footnote markers are stripped, since a leading marker is what marks a note)
 * and splits each page into segments of running text at them; page-breaks.ts rejoins the text across the splits.
 */

import { isMarked } from "../text/structure-marks.js";

/** A stretch of running text and the footnote block that ended it (if one did). */
export interface Segment {
  /** Index of the page (of the loaded document) the text is on. */
  page: number;
  /** Layout lines of running text ("" for a blank line). */
  lines: string[];
  /**
   * The block's notes, each a list of layout lines (a note wrapped over several lines, or completed by a stray
   * citation line). Unnumbered text in the block, such as the author's bio at the foot of page one, is a note too.
   */
  notes: string[][];
  /**
   * Pieces of running text the layout stranded in the block (they start in lowercase); `leading` marks those
   * right above the first note, which may continue the paragraph just before the block.
   */
  fragments: { lines: string[]; leading: boolean }[];
}

// A note starts with its number: superscript (¹²), plain (12, 12., [12]).
const SUPERSCRIPT_MARKER = /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*(?=\S)/u;
const NUMBER_MARKER = /^(?:\d{1,3}[.)]?|\[\d{1,3}\])\s+(?=\S)/u;
// What references contain and prose rarely does.
const URL_PATTERN = /\bhttps?:\/\/|\bwww\.[\p{L}\d-]+\./iu;
// A plain pattern rules most lines out ten times faster than the Unicode one above.
const URL_HINT = /https?:\/\/|www\./i;
const hasUrl = (line: string): boolean => URL_HINT.test(line) && URL_PATTERN.test(line);
const REFERENCE_WORDS = /^(?:ibid|id\.)|\b(?:ibid\.?|op\.\s?cit\.?|loc\.\s?cit\.?|et al\.|doi:|retrieved from|accessed on)/iu;
const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const DATE = new RegExp(String.raw`\b(?:\d{1,2} (?:${MONTHS}),? \d{4}|(?:${MONTHS}) \d{1,2}, \d{4})\b`, "u");
const CITED_TITLE = /["“][^"”]{6,}["”],/u; // "Title", …
const PUBLISHED_IN = /\bin \*[^*]+\*|\*[^*]+\*,/u; // in *The Guardian* / *X post*,
const HANDLE = /(?:^|\s)@\w{2,}/u;
const PAGE_RANGE = /\bpp?\.\s?\d/u;
const TERMINAL = /[.!?…]["”’)\]]*$/u;
// Unnumbered text inside a block is short: a fragment, a caption, a bio line. A longer line is running text.
const MAX_INSET = 300;
const MAX_INSET_RUN = 3;

type Kind = "blank" | "note" | "citation" | "text";

/** Splits each page's lines at its footnote blocks. Pages without notes come back as one segment each. */
export function splitAtFootnoteBlocks(pages: string[][]): Segment[] {
  return pages.flatMap((lines, page) => splitPage(lines, page));
}

function splitPage(lines: string[], page: number): Segment[] {
  const kinds = pairNotes(lines, lines.map(kindOf));
  if (!kinds.includes("note")) return [{ page, lines, notes: [], fragments: [] }];
  const segments: Segment[] = [];
  let from = 0;
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] !== "note" && kinds[i] !== "citation") continue;
    const block = blockAt(lines, kinds, i);
    if (!block) continue;
    const start = leadingFragmentsStart(lines, kinds, from, block.start);
    segments.push({ page, lines: lines.slice(from, start), ...describe(lines, kinds, start, block.end, block.start) });
    from = block.end + 1;
    i = block.end;
  }
  segments.push({ page, lines: lines.slice(from), notes: [], fragments: [] });
  return segments;
}

// A footnote marker glued to the word it annotates ("limited3 to about 4095 bytes"), and a plain numbered line.
const GLUED_MARKER = /(?<![\p{L}\p{N}_])\p{L}\p{Ll}{2,}(\d{1,2})(?=[\s.,;:!?)”’"]|$)/gu;
const PLAIN_NOTE = /^(\d{1,2})\s+\S/u;
// What every glued marker contains: ruling a line out with it first costs a tenth of running the lookbehind pattern.
const LOWERCASE_THEN_DIGIT = /\p{Ll}\d/u;

/**
 * A note that reads like prose, not like a reference ("3 some of the consoles will not allow you to enter more"),
 * is still a note when the page marks a word above it with its number ("limited3"): the pair is the evidence.
 */
function pairNotes(lines: readonly string[], kinds: Kind[]): Kind[] {
  const markedAbove = new Set<number>();
  return kinds.map((kind, i) => {
    const line = lines[i] ?? "";
    const number = kind === "text" ? line.match(PLAIN_NOTE)?.[1] : undefined;
    const paired = number !== undefined && markedAbove.has(Number(number));
    if (kind === "text" && !isMarked(line) && LOWERCASE_THEN_DIGIT.test(line)) for (const m of line.matchAll(GLUED_MARKER)) markedAbove.add(Number(m[1]));
    return paired ? "note" : kind;
  });
}

function kindOf(line: string): Kind {
  if (!line) return "blank";
  if (isMarked(line)) return "text"; // headings, code and table rows are never notes
  if (isNoteStart(line)) return "note";
  return hasUrl(line) && mediumCues(line) >= 1 ? "citation" : "text";
}

/** A numbered line that reads like a reference. A superscript number is itself a strong sign, so one cue will do. */
export function isNoteStart(line: string): boolean {
  const superscript = line.match(SUPERSCRIPT_MARKER);
  const marker = superscript ?? line.match(NUMBER_MARKER);
  if (!marker) return false;
  const rest = line.slice(marker[0].length);
  if (hasUrl(rest) || REFERENCE_WORDS.test(rest)) return true;
  return mediumCues(rest) >= (superscript ? 1 : 2);
}

function mediumCues(text: string): number {
  return [DATE, CITED_TITLE, PUBLISHED_IN, HANDLE, PAGE_RANGE, REFERENCE_WORDS].filter((re) => re.test(text)).length;
}

/**
 * The block starting at note or citation `i`: it runs over further notes, lines that continue a note (no blank
 * line between and the note is not finished), and short other text between notes. It needs at least one numbered
 * note, so a lone citation in an article's prose stays where it is.
 */
function blockAt(lines: string[], kinds: Kind[], i: number): { start: number; end: number } | undefined {
  let end = i;
  let numbered = kinds[i] === "note";
  let insets = 0; // unnumbered lines since the last note
  for (let j = i + 1; j < lines.length; j++) {
    const kind = kinds[j];
    if (kind === "blank") continue;
    if (kind === "note" || kind === "citation") {
      [end, insets] = [j, 0];
      numbered ||= kind === "note";
    } else if (j === end + 1 && !TERMINAL.test(lines[end] ?? "")) {
      end = j; // a wrapped note
    } else if ((lines[j]?.length ?? 0) <= MAX_INSET && ++insets <= MAX_INSET_RUN) {
      continue; // kept only if another note follows
    } else break;
  }
  return numbered ? { start: i, end } : undefined;
}

/** Fragments stranded right above a block (a short lowercase line after a blank line) belong to it. */
function leadingFragmentsStart(lines: string[], kinds: Kind[], from: number, start: number): number {
  let at = start;
  for (let j = start - 1; j >= from; j--) {
    if (kinds[j] === "blank") continue;
    if (!isFragment(lines[j] ?? "") || (j > 0 && kinds[j - 1] !== "blank")) break;
    at = j;
  }
  return at;
}

function isFragment(text: string): boolean {
  return /^\p{Ll}/u.test(text) && text.length <= MAX_INSET;
}

/** Sorts the block's lines into notes and fragments. A citation without a number completes the first unfinished note. */
function describe(lines: string[], kinds: Kind[], start: number, end: number, blockStart: number): Pick<Segment, "notes" | "fragments"> {
  const notes: string[][] = [];
  const fragments: Segment["fragments"] = [];
  const citations: string[][] = [];
  let current: string[] | undefined; // what a wrapped line (no blank line before it) continues
  for (let j = start; j <= end; j++) {
    const line = lines[j] ?? "";
    const kind = kinds[j];
    if (kind === "blank") current = undefined;
    else if (kind === "note") notes.push((current = [line]));
    else if (current) current.push(line);
    else if (kind === "citation") citations.push((current = [line]));
    else if (isFragment(line)) fragments.push({ lines: (current = [line]), leading: j < blockStart });
    else notes.push((current = [line]));
  }
  for (const citation of citations) {
    const open = notes.find((n) => !TERMINAL.test(n.at(-1) ?? ""));
    if (open) open.push(...citation);
    else notes.push(citation);
  }
  return { notes, fragments };
}

/** The numbers of the document's footnotes (notes without a number, such as a bio, have none). */
export function noteNumbers(segments: readonly Segment[]): Set<number> {
  const numbers = new Set<number>();
  for (const segment of segments) {
    for (const [first] of segment.notes) {
      const digits = first?.match(/^\[?(\d{1,3})|^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/u);
      if (digits?.[1]) numbers.add(Number(digits[1]));
      else if (digits?.[2]) numbers.add(Number([...digits[2]].map((d) => "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(d)).join("")));
    }
  }
  return numbers;
}
