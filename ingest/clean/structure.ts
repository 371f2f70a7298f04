import type { DocumentInterface } from "@langchain/core/documents";
import type { SourceDocument, TextBlock } from "../../core/types.js";
import { CODE_MARK, headingLine, lineKind, ROW_MARK, unmark } from "../text/structure-marks.js";

const PARAGRAPH_BREAK = "\n\n";

export interface Assembled {
  text: string;
  spans: SourceDocument["pages"];
  blocks: TextBlock[];
}

/**
 * Joins the cleaned paragraphs of each page with a paragraph break, removes the loaders' line marks, and records
 * each non-empty page's span and each paragraph's span and kind (heading with its level, code, table row, text).
 */
export function assemble(paragraphs: string[][], pages: DocumentInterface[]): Assembled {
  const spans: SourceDocument["pages"] = [];
  const blocks: TextBlock[] = [];
  let text = "";
  paragraphs.forEach((page, i) => {
    const kept = page.filter(Boolean);
    if (kept.length === 0) return;
    if (text) text += PARAGRAPH_BREAK;
    const pageStart = text.length;
    kept.forEach((paragraph, j) => {
      if (j > 0) text += PARAGRAPH_BREAK;
      const kind = lineKind(paragraph);
      const body = kind ? unmark(paragraph) : paragraph;
      const block: TextBlock = { start: text.length, end: text.length + body.length, kind: kind?.kind ?? "text" };
      if (kind?.kind === "heading") block.level = kind.level;
      blocks.push(block);
      text += body;
    });
    const pageNumber = pages[i]?.metadata["page"];
    spans.push({ page: typeof pageNumber === "number" ? pageNumber : i + 1, start: pageStart, end: text.length });
  });
  return { text, spans, blocks };
}

/** A stretch of a document under one heading path; `bodyStart` is where the text after its heading starts. */
export interface Section {
  start: number;
  bodyStart: number;
  path: string;
}

export const SECTION_SEPARATOR = " › ";

/** The document's sections in order: each heading opens one that runs to the next heading. */
export function sectionsOf(doc: SourceDocument): Section[] {
  const stack: { level: number; title: string }[] = [];
  const sections: Section[] = [];
  for (const block of doc.blocks ?? []) {
    if (block.kind !== "heading") continue;
    const level = block.level ?? 1;
    while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
    stack.push({ level, title: doc.text.slice(block.start, block.end) });
    sections.push({ start: block.start, bodyStart: block.end, path: stack.map((h) => h.title).join(SECTION_SEPARATOR) });
  }
  return sections;
}

/**
 * The document without the blocks `drop` selects (boilerplate found across a folder), offsets of pages and
 * blocks moved to match. A page left empty keeps no span.
 */
export function dropBlocks(doc: SourceDocument, drop: (block: TextBlock, text: string) => boolean): SourceDocument {
  const blocks = doc.blocks ?? [];
  const kept = blocks.filter((b) => !drop(b, doc.text.slice(b.start, b.end)));
  if (kept.length === blocks.length) return doc;
  const paragraphs: string[][] = [];
  const pageOf = (offset: number) => doc.pages.findIndex((p) => offset >= p.start && offset < p.end);
  const pages = doc.pages.length > 0 ? doc.pages : [{ page: 0, start: 0, end: doc.text.length }];
  for (const block of kept) {
    const at = doc.pages.length > 0 ? Math.max(pageOf(block.start), 0) : 0;
    (paragraphs[at] ??= []).push(marked(block, doc.text.slice(block.start, block.end)));
  }
  const loaded = pages.map((p) => ({ pageContent: "", metadata: { page: p.page } }));
  const {
    text,
    spans,
    blocks: moved,
  } = assemble(
    Array.from({ length: pages.length }, (_, i) => paragraphs[i] ?? []),
    loaded,
  );
  return { ...doc, text, blocks: moved, pages: doc.pages.length > 0 ? spans : [] };
}

// The inverse of assemble's unmarking, so a block can be assembled again.
function marked(block: TextBlock, text: string): string {
  if (block.kind === "heading") return headingLine(block.level ?? 1, text);
  if (block.kind === "code") return CODE_MARK + text;
  if (block.kind === "row") return ROW_MARK + text;
  return text;
}
