/** Running headers, footers and page numbers: layout furniture repeated across pages, not content. */

import { isMarked } from "../text/structure-marks.js";

const EDGE = 3; // lines at the top and at the bottom of a page that may be furniture
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/iu;

/**
 * Drops lines that recur at the top or bottom of at least half the pages (page numbers ignored), lines whose
 * number changes from page to page at the edges of two or more (a chapter's running head), and bare page numbers.
 */
export function stripRunningHeaders(pages: string[][]): string[][] {
  const edges = pages.map(edgeIndexes);
  const counts = new Map<string, number>();
  const numbers = new Map<string, Set<string>>(); // the numbers each key was seen with
  edges.forEach((indexes, p) => {
    const keys = new Set<string>();
    for (const i of indexes) {
      const line = pages[p]?.[i] ?? "";
      const key = furnitureKey(line);
      keys.add(key);
      if (key.includes("#") && isOutermost(indexes, i)) (numbers.get(key) ?? numbers.set(key, new Set()).get(key)!).add(line.replace(/\D+/gu, " "));
    }
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines, p) => {
    const drop = new Set(
      (edges[p] ?? []).filter((i, _, indexes) => {
        const line = lines[i] ?? "";
        if (isMarked(line)) return false;
        const key = furnitureKey(line);
        // The first or last line of two or more pages, with a number that changes ("Chapter 1: Introduction 4", "… 5"),
        // is a running head, even when it changes with each chapter and so is on far fewer than half the pages.
        const paged = isOutermost(indexes, i) && (numbers.get(key)?.size ?? 0) >= 2 && /\p{L}{3,}\P{L}+\p{L}{3,}/u.test(key);
        return PAGE_NUMBER.test(line) || (counts.get(key) ?? 0) >= threshold || paged;
      }),
    );
    return lines.filter((_, i) => !drop.has(i));
  });
}

/**
 * In text without pages (e.g. a PDF saved as .txt), a short line seen 3+ times is a running header: its first use
 * is kept, and each later one is dropped and marks a page break (the text is returned as pages).
 */
export function splitAtRepeatedLines(lines: string[]): string[][] {
  const counts = new Map<string, number>();
  for (const line of lines) if (isHeaderLike(line)) counts.set(line, (counts.get(line) ?? 0) + 1);
  const seen = new Set<string>();
  const pages: string[][] = [[]];
  for (const line of lines) {
    if ((counts.get(line) ?? 0) < 3 || !seen.has(line)) pages.at(-1)?.push(line);
    else pages.push([]);
    seen.add(line);
  }
  return pages;
}

function isHeaderLike(line: string): boolean {
  // A heading, a code line or a table row may recur (a second "Example", a repeated "}"): they are content.
  return line.length >= 8 && line.length <= 120 && /\p{L}/u.test(line) && !isMarked(line);
}

const isOutermost = (indexes: number[], i: number) => i === indexes[0] || i === indexes.at(-1);

function edgeIndexes(lines: string[]): number[] {
  const nonEmpty = lines.flatMap((line, i) => (line ? [i] : []));
  if (nonEmpty.length <= 2 * EDGE) return nonEmpty;
  return [...nonEmpty.slice(0, EDGE), ...nonEmpty.slice(-EDGE)];
}

// The same header with a different page number ("Report 2025 — 3", "… — 4") gets the same key.
function furnitureKey(line: string): string {
  return line.toLowerCase().replace(/\d+/gu, "#").replace(/\s+/gu, " ").trim();
}
