import { isMarked } from "../text/structure-marks.js";
import { isCutShort, joinLines } from "./paragraphs.js";

/** One segment of running text (see footnote-blocks.ts) as paragraphs, with the fragments stranded in the block after it. */
export interface SegmentParagraphs {
  page: number;
  paragraphs: string[];
  fragments: { text: string; leading: boolean }[];
}

interface Place {
  page: number;
  index: number;
}

const TERMINAL = /[.!?…:;]["”’)\]]*$/u;
const HEADING_LENGTH = 80;

/**
 * Rejoins the running text that page breaks and footnote blocks cut, and returns each page's paragraphs.
 * - A paragraph cut short before a break continues with the first paragraph after it, whatever its case
 *   ("…Gaza and even" | notes | "Canada has already weakened) and…"), unless that one is a heading. When a
 *   lowercase fragment was stranded right after the cut paragraph, the fragment continues it instead, unless the
 *   text after the break starts in lowercase or closes a bracket the cut paragraph left open.
 * - Other fragments stranded in the block continue the segment's earliest other paragraph cut short, or stay,
 *   as their own paragraph, where the block was.
 * A paragraph continued from the next page stays on the page where it starts.
 */
export function rejoinAcrossBreaks(segments: readonly SegmentParagraphs[], pageCount: number): string[][] {
  const pages: string[][] = Array.from({ length: pageCount }, () => []);
  let carry: Place | undefined; // the cut paragraph waiting for the next segment's first paragraph
  let last: Place | undefined;
  segments.forEach((segment, i) => {
    const paragraphs = [...segment.paragraphs];
    const first = paragraphs[0];
    if (carry && first !== undefined) {
      append(pages, carry, first);
      paragraphs.shift();
      carry = undefined;
    }
    const out = pages[segment.page] ?? [];
    const from = out.length;
    out.push(...paragraphs);
    if (paragraphs.length) last = { page: segment.page, index: out.length - 1 };
    if (i === segments.length - 1) return;
    const fragments = [...segment.fragments];
    const open = last && isCutShort(textAt(pages, last)) ? last : undefined;
    if (open && !carry) {
      const next = segments.slice(i + 1).find((s) => s.paragraphs.length)?.paragraphs[0];
      const leading = fragments[0]?.leading ? fragments[0] : undefined;
      if (next !== undefined && continuesAfterBreak(textAt(pages, open), next, leading !== undefined)) carry = open;
      else if (leading) append(pages, open, fragments.shift()?.text ?? "");
    }
    for (const { text } of fragments) {
      const target = earliestCut(out, from, carry?.page === segment.page ? carry.index : -1);
      if (target >= 0) out[target] = joinLines(out[target] ?? "", text);
      else out.push(text);
    }
  });
  return pages;
}

function continuesAfterBreak(cut: string, next: string, fragmentWaiting: boolean): boolean {
  if (isMarked(next)) return false; // a heading, code or a table row starts something new
  if (next.length < HEADING_LENGTH && !TERMINAL.test(next) && !/^\p{Ll}/u.test(next)) return false; // a heading
  return !fragmentWaiting || /^\p{Ll}/u.test(next) || closesOpenBracket(cut, next);
}

/** "(which Trump's claim to … even" is closed by "Canada has already weakened) and …". */
function closesOpenBracket(cut: string, next: string): boolean {
  const depth = [...cut].reduce((d, c) => (c === "(" ? d + 1 : c === ")" ? Math.max(0, d - 1) : d), 0);
  const close = next.indexOf(")");
  const open = next.indexOf("(");
  return depth > 0 && close >= 0 && (open < 0 || close < open);
}

function earliestCut(paragraphs: string[], from: number, except: number): number {
  for (let i = from; i < paragraphs.length; i++) if (i !== except && isCutShort(paragraphs[i] ?? "")) return i;
  return -1;
}

function textAt(pages: string[][], { page, index }: Place): string {
  return pages[page]?.[index] ?? "";
}

function append(pages: string[][], { page, index }: Place, text: string): void {
  const out = pages[page];
  if (out) out[index] = joinLines(out[index] ?? "", text);
}
