import type { DocumentInterface } from "@langchain/core/documents";
import type { SourceDocument } from "../../core/types.js";
import { dropBoilerplate } from "./boilerplate.js";
import { noteNumbers, splitAtFootnoteBlocks, type Segment } from "./footnote-blocks.js";
import { FootnoteMarkers } from "./footnotes.js";
import { joinHyphenatedLines } from "./hyphenation.js";
import { stripInlineMarkup } from "./markup.js";
import { rejoinAcrossBreaks } from "./page-breaks.js";
import { toParagraphs } from "./paragraphs.js";
import { splitAtRepeatedLines, stripRunningHeaders } from "./running-headers.js";
import { extractTitleDate } from "./title-date.js";
import { isMarked, unmark } from "../text/structure-marks.js";
import { assemble } from "./structure.js";
import { normalizeLines, tidySpaces } from "./whitespace.js";

/**
 * Loaded pages → one cleaned text of single-line paragraphs separated by blank lines, with its title, date and,
 * for paged formats (PDF), where each page's text lies. `source` is the path relative to DOCS_DIR.
 * Footnote blocks leave the running text, which is rejoined across them and across page breaks; the notes follow
 * their page's text (PDF) or the whole text (other formats).
 */
export function cleanDocument(pages: DocumentInterface[], source: string): SourceDocument {
  const paged = pages.some((p) => typeof p.metadata["page"] === "number");
  const raw = pages.map((p) => normalizeLines(p.pageContent));
  // Text without pages (a PDF saved as .txt) gets pages from its running header, so notes stay inside a page.
  const laidOut = paged ? stripRunningHeaders(raw) : raw.flatMap(splitAtRepeatedLines);
  const segments = splitAtFootnoteBlocks(laidOut);
  const markers = new FootnoteMarkers(noteNumbers(segments), () => segments.flatMap((s) => s.lines));
  // Marked lines (headings, code, table rows) are kept as the loader made them.
  const cleanLines = (lines: string[]) => dropBoilerplate(lines).map((line) => (isMarked(line) ? line : tidySpaces(markers.strip(stripInlineMarkup(line)))));
  const running = rejoinAcrossBreaks(runningText(segments, paged, cleanLines), laidOut.length);
  const paragraphs = paged ? running : [running.flat()];
  for (const segment of segments) {
    const notes = segment.notes.map((note) => toParagraphs(cleanLines(note), true).join(" ")).filter(Boolean);
    paragraphs[paged ? segment.page : 0]?.push(...notes);
  }
  const firstPage = paragraphs.find((p) => p.length > 0);
  const found = extractTitleDate(paragraphs.flat().map(unmark), fileMetadata(pages));
  if (firstPage && found.firstParagraph !== unmark(firstPage[0] ?? "")) firstPage[0] = found.firstParagraph;
  const { text, spans, blocks } = assemble(paragraphs, pages);
  return {
    source,
    title: found.title || fileStem(source),
    date: found.date,
    text,
    pages: paged ? spans : [],
    blocks,
    ...documentLinks(pages),
  };
}

/** The url and further metadata a loader found (canonical link, front matter). */
function documentLinks(pages: DocumentInterface[]): Pick<SourceDocument, "url" | "metadata"> {
  const meta = pages[0]?.metadata ?? {};
  const url = typeof meta["url"] === "string" ? meta["url"] : undefined;
  const more = meta["meta"] && typeof meta["meta"] === "object" ? (meta["meta"] as Record<string, unknown>) : undefined;
  return { ...(url ? { url } : {}), ...(more ? { metadata: more } : {}) };
}

function runningText(segments: Segment[], paged: boolean, cleanLines: (lines: string[]) => string[]) {
  const bodies = joinHyphenatedLines(segments.map((s) => cleanLines(s.lines)));
  return segments.map((segment, i) => ({
    page: segment.page,
    paragraphs: toParagraphs(bodies[i] ?? [], paged),
    fragments: segment.fragments
      .map(({ lines, leading }) => ({ text: toParagraphs(cleanLines(lines), paged).join(" "), leading }))
      .filter((fragment) => fragment.text),
  }));
}

function fileMetadata(pages: DocumentInterface[]): { title?: string; date?: string } {
  const meta = pages[0]?.metadata ?? {};
  const pick = (key: string) => (typeof meta[key] === "string" ? { [key]: meta[key] as string } : {});
  return { ...pick("title"), ...pick("date") };
}

function fileStem(source: string): string {
  return (source.split("/").at(-1) ?? source).replace(/\.[^.]+$/u, "");
}
