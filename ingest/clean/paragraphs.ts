/**
 * Layout lines → paragraphs, one line each. The sentence splitter ends a sentence at every line break,
 * so a paragraph wrapped over several lines must become a single line.
 */

import { isMarked, lineKind } from "../text/structure-marks.js";

// Lines longer than this were not wrapped by a page layout: the source already has one paragraph per line.
const LAYOUT_WIDTH_LIMIT = 160;
const TERMINAL = /[.!?…:;]["”’)\]]*$/u;
const MIN_WRAP_WIDTH = 40;
const BYLINE = /^by\s+\p{Lu}/u;
const MIN_CUT_PARAGRAPH = 80;
const LIST_MARKER = /^(?:[-•*▪◦‣]|\d{1,3}[.)])\s/u;
// Line ends that do not end a sentence even though they end with a period.
const ABBREVIATION_END = /(?:^|\s)(?:\p{L}\.|(?:\p{L}\.){2,}|Mr|Mrs|Ms|Dr|Prof|St|Gen|No|vs)\.?$/u;

/** `lines` uses "" for blank lines; `wrapped` says the text comes from a page layout (PDF) and may be wrapped. */
export function toParagraphs(lines: string[], wrapped: boolean): string[] {
  const pageWidth = layoutWidth(lines);
  const paragraphs = splitBlocks(lines).flatMap((block) => {
    if (wrapped) return unwrap(block, pageWidth);
    // Plain text: a block with a long line already holds one paragraph per line.
    return block.some((line) => line.length > LAYOUT_WIDTH_LIMIT) ? unwrap(block, 0, false) : unwrap(block, layoutWidth(block));
  });
  return joinBrokenParagraphs(paragraphs);
}

function splitBlocks(lines: string[]): string[][] {
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line) blocks.at(-1)?.push(line);
    else blocks.push([]);
  }
  return blocks.filter((b) => b.length > 0);
}

/** The measure lines were wrapped at: the longest line that could be a layout line (reduce: files can have 10⁶ lines). */
function layoutWidth(lines: string[]): number {
  return lines.reduce((max, l) => (l.length <= LAYOUT_WIDTH_LIMIT && l.length > max ? l.length : max), 0);
}

/** `wraps: false`: the lines are paragraphs already, only code lines are grouped. */
function unwrap(block: string[], width: number, wraps = true): string[] {
  const out: string[] = [];
  let last = ""; // the previous layout line: its length tells a wrapped line from a paragraph's end
  for (const line of block) {
    const prev = out.at(-1);
    // The lines of a code block stay lines, in one paragraph; other marked lines are paragraphs of their own.
    if (prev !== undefined && lineKind(last)?.kind === "code" && lineKind(line)?.kind === "code") out[out.length - 1] = `${prev}\n${line}`;
    else if (wraps && prev !== undefined && !isMarked(last) && !isMarked(line) && continues(last, line, width)) out[out.length - 1] = joinLines(prev, line);
    else out.push(line);
    last = line;
  }
  return out;
}

/** Whether layout line `next` continues the paragraph whose last layout line is `prev`. */
function continues(prev: string, next: string, width: number): boolean {
  if (prev.length > LAYOUT_WIDTH_LIMIT || LIST_MARKER.test(next)) return false;
  if (/^\p{Ll}/u.test(next) || /(?:\S[-–—/]|,)$/u.test(prev) || endsWithFunctionWord(prev)) return true;
  // Below this width the lines were not wrapped to a measure: short lines are bylines, dates, captions.
  if (width < MIN_WRAP_WIDTH) return false;
  if (TERMINAL.test(prev)) return ABBREVIATION_END.test(prev) || prev.length >= 0.85 * width;
  // A short unpunctuated line before a capital is a heading, byline or caption.
  return prev.length >= 0.6 * width;
}

// "To contact the WWSW and the" cannot end a paragraph; particles ("shaken up") can end a heading, so they are not here.
const CONTINUING_WORDS = new Set(
  "a an the and or nor but of to for with from by at as that which who whose whom than if because while when where into onto upon about between among through via".split(
    " ",
  ),
);

function endsWithFunctionWord(line: string): boolean {
  const last = line.match(/(\p{L}+)$/u)?.[1]?.toLowerCase();
  return last !== undefined && CONTINUING_WORDS.has(last);
}

export function joinLines(prev: string, next: string): string {
  return /\S[-–—/]$/u.test(prev) ? prev + next : `${prev} ${next}`;
}

/**
 * A paragraph cut by a page or column break ("…Critically," / "he vowed…") continues in the next block:
 * the first ends without terminal punctuation and the next starts in lowercase.
 */
// Headings and titles are short and unpunctuated too; only a prose-length paragraph can be cut short.
export function isCutShort(paragraph: string): boolean {
  return paragraph.length >= MIN_CUT_PARAGRAPH && !TERMINAL.test(paragraph) && !isMarked(paragraph);
}

function joinBrokenParagraphs(paragraphs: string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const prev = out.at(-1);
    if (prev !== undefined && isCutShort(prev) && /^\p{Ll}/u.test(p) && !BYLINE.test(p)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}
