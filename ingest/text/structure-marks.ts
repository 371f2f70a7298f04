/**
 * Loaders say what a line is (a heading of level n, a line of code, a table row) by a private-use character at its
 * start. Text never contains these, so cleaning recognises such lines and passes them through untouched (a rule for
 * prose must not join, split, unescape or drop code), and assembly (clean/structure.ts) removes the marks.
 */

// U+E001–U+E009: heading of level 1–9 (HTML h1–h6, and definition terms nested below them).
const HEADING_BASE = 0xe000;
const MAX_LEVEL = 9;
export const CODE_MARK = "\uE010";
export const ROW_MARK = "\uE011";
const ALL_MARKS = /[\uE001-\uE011]/gu;

export type LineKind = { kind: "heading"; level: number } | { kind: "code" } | { kind: "row" };

export function headingLine(level: number, text: string): string {
  return String.fromCharCode(HEADING_BASE + Math.min(Math.max(level, 1), MAX_LEVEL)) + text;
}

export function isMarked(line: string): boolean {
  const code = line.charCodeAt(0); // called for every line: a comparison, not a regex
  return code > HEADING_BASE && code <= 0xe011;
}

export function lineKind(line: string): LineKind | undefined {
  const code = line.charCodeAt(0);
  if (code > HEADING_BASE && code <= HEADING_BASE + MAX_LEVEL) return { kind: "heading", level: code - HEADING_BASE };
  if (line[0] === CODE_MARK) return { kind: "code" };
  if (line[0] === ROW_MARK) return { kind: "row" };
  return undefined;
}

const ANY_MARK = /[\uE001-\uE011]/u;

/** The text without any mark (a code paragraph carries one per line). */
export function unmark(text: string): string {
  return ANY_MARK.test(text) ? text.replace(ALL_MARKS, "") : text;
}
