import { headingLine } from "../text/structure-marks.js";

/** An outline (bookmark) entry as pdf.js returns it: a title and nested entries. */
export interface OutlineItem {
  title: string;
  items?: OutlineItem[];
}

// How far past the previous heading the next one is looked for: entries in order, a few pages apart at most.
const SEARCH_PAGES = 10;
// Section numbers that the text puts before a title and the outline may leave out ("1.6 ", "A.2 ", "3. ").
const SECTION_NUMBER = /^(?:[\dA-Z]{1,3}(?:\.\d{1,3})*\.?)\s+/u;

/**
 * Marks the lines of `pages` that start a section of the PDF's outline as headings of the outline's depth.
 * The outline gives titles, not positions, so each title is looked for in order, from the previous heading on,
 * as a line of its own (its section number aside): a table of contents line ("1.6 Title . . . 4") or a running
 * head with a page number is not one. A title not found is passed over.
 */
export function markOutlineHeadings(pages: string[], outline: readonly OutlineItem[]): string[] {
  const entries = flatten(outline, 1);
  if (entries.length === 0) return pages;
  const lines = pages.map((p) => p.split("\n"));
  let page = 0;
  let line = -1;
  for (const entry of entries) {
    const title = key(entry.title);
    if (!title) continue;
    const found = find(lines, page, line + 1, title);
    if (!found) continue;
    [page, line] = found;
    lines[page]![line] = headingLine(entry.level, lines[page]![line]!.trim());
  }
  return lines.map((l) => l.join("\n"));
}

function find(lines: string[][], fromPage: number, fromLine: number, title: string): [number, number] | undefined {
  for (let p = fromPage; p < Math.min(lines.length, fromPage + SEARCH_PAGES); p++) {
    const page = lines[p]!;
    for (let l = p === fromPage ? fromLine : 0; l < page.length; l++) {
      const text = page[l]!;
      if (text.length < title.length || text.length > title.length + 12) continue; // cheap length test first
      if (key(text) === title) return [p, l];
    }
  }
  return undefined;
}

function key(text: string): string {
  return text.replace(/\s+/gu, " ").trim().replace(SECTION_NUMBER, "").toLowerCase();
}

function flatten(items: readonly OutlineItem[], level: number): { title: string; level: number }[] {
  return items.flatMap((item) => [{ title: item.title, level }, ...flatten(item.items ?? [], level + 1)]);
}
