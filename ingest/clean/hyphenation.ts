/** Words broken across lines by layout ("nego-\ntiations"), rejoined; real compounds ("well-known") keep the hyphen. */

import { isMarked } from "../text/structure-marks.js";

const BROKEN_END = /(\p{L}+)-$/u;
const NEXT_WORD = /^(\p{L}[\p{L}'’]*)([-–—]?)/u;
// Prefixes that usually form hyphenated compounds; used only when the document itself does not settle the case.
const COMPOUND_PREFIXES = new Set(["self", "well", "non", "half", "cross", "anti", "semi"]);

/**
 * Moves the rest of a broken word up to the line that ends with "-", so line lengths stay close to the layout.
 * The document's own spelling decides between "negotiations" and "long-term"; `pages` are lists of lines.
 */
export function joinHyphenatedLines(pages: string[][]): string[][] {
  let words: Set<string> | undefined; // built on first need: most documents have no broken words
  const spelled = () => (words ??= vocabulary(pages.flat()));
  return pages.map((lines) => joinPage(lines, spelled));
}

function joinPage(page: string[], words: () => ReadonlySet<string>): string[] {
  const lines = [...page];
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const next = lines[i + 1] ?? "";
    // Code and headings were not wrapped by a layout ("x = a -" ends a line of code).
    const head = line.endsWith("-") && !isMarked(line) && !isMarked(next) ? line.match(BROKEN_END)?.[1] : undefined;
    const tail = head ? next.match(NEXT_WORD) : null;
    if (!head || !tail?.[1]) {
      out.push(line);
      continue;
    }
    const keepHyphen = /^\p{Lu}/u.test(tail[1]) || isCompound(head, tail[1], words());
    out.push(`${line.slice(0, -1)}${keepHyphen ? "-" : ""}${tail[0]}`);
    const rest = next.slice(tail[0].length).trim();
    // The rest of the next line takes its place, and may itself end with a broken word.
    if (rest) lines[i + 1] = rest;
    else i++;
  }
  return out;
}

/** The lowercase words of a text, hyphenated compounds included. */
function vocabulary(lines: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const m of line.toLowerCase().matchAll(/\p{L}+(?:-\p{L}+)*/gu)) words.add(m[0]);
  return words;
}

function isCompound(head: string, tail: string, words: ReadonlySet<string>): boolean {
  const lower = head.toLowerCase();
  const joined = lower + tail.toLowerCase();
  if (words.has(joined)) return false;
  if (words.has(`${lower}-${tail.toLowerCase()}`)) return true;
  return COMPOUND_PREFIXES.has(lower);
}
