/** Running headers, footers and page numbers: layout furniture repeated across pages, not content. */

const EDGE = 3; // lines at the top and at the bottom of a page that may be furniture
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/iu;

/** Drops lines that recur at the top or bottom of at least half the pages (page numbers ignored) and bare page numbers. */
export function stripRunningHeaders(pages: string[][]): string[][] {
  const edges = pages.map(edgeIndexes);
  const counts = new Map<string, number>();
  edges.forEach((indexes, p) => {
    const keys = new Set(indexes.map((i) => furnitureKey(pages[p]?.[i] ?? "")));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines, p) => {
    const drop = new Set(
      (edges[p] ?? []).filter((i) => {
        const line = lines[i] ?? "";
        return PAGE_NUMBER.test(line) || (counts.get(furnitureKey(line)) ?? 0) >= threshold;
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
  return line.length >= 8 && line.length <= 120 && /\p{L}/u.test(line);
}

function edgeIndexes(lines: string[]): number[] {
  const nonEmpty = lines.flatMap((line, i) => (line ? [i] : []));
  if (nonEmpty.length <= 2 * EDGE) return nonEmpty;
  return [...nonEmpty.slice(0, EDGE), ...nonEmpty.slice(-EDGE)];
}

// The same header with a different page number ("Report 2025 — 3", "… — 4") gets the same key.
function furnitureKey(line: string): string {
  return line.toLowerCase().replace(/\d+/gu, "#").replace(/\s+/gu, " ").trim();
}
