/** Layout whitespace from PDFs and web pages, normalised so later steps can reason about lines. */

import { CODE_MARK } from "../text/structure-marks.js";

const LIGATURES: Readonly<Record<string, string>> = { ﬀ: "ff", ﬁ: "fi", ﬂ: "fl", ﬃ: "ffi", ﬄ: "ffl", ﬅ: "st", ﬆ: "st" };

/** Splits text into trimmed lines with single spaces; "" marks a blank line (at most one in a row). */
export function normalizeLines(text: string): string[] {
  const normalized = text
    .replace(/\r\n?/gu, "\n")
    .replace(/\u00AD\n/gu, "-\n") // a soft hyphen at a line end is a word broken by layout
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/gu, "")
    .replace(/[ﬀ-ﬆ]/gu, (c) => LIGATURES[c] ?? c);
  // A line of code keeps its indentation; elsewhere tabs, no-break and other spaces become one space (in one
  // pass over the text when it has no code, which is faster than line by line).
  const hasCode = normalized.includes(CODE_MARK);
  const spaced = hasCode ? normalized : normalized.replace(/[^\S\n]+/gu, " ");
  const lines: string[] = [];
  for (const raw of spaced.split("\n")) {
    const line = !hasCode ? raw.trim() : raw.startsWith(CODE_MARK) ? raw.trimEnd() : raw.replace(/[^\S\n]+/gu, " ").trim();
    if (line || (lines.length > 0 && lines.at(-1) !== "")) lines.push(line);
  }
  while (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Collapses runs of spaces left behind by removals inside a line. */
export function tidySpaces(line: string): string {
  return line
    .replace(/ {2,}/gu, " ")
    .replace(/ ([,;:.!?])(?=\s|$)/gu, "$1")
    .trim();
}
