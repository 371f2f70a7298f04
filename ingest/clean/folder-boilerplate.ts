import type { SourceDocument, TextBlock } from "../../core/types.js";
import { dropBlocks } from "./structure.js";

/**
 * Boilerplate found by frequency, not by phrase: a paragraph (a navigation bar's items, a footer, a licence line)
 * that recurs in at least half of a folder's documents, and in at least MIN_FILES of them, is layout, whatever its
 * language. Only short paragraphs qualify, and never code. A paragraph of several words is compared with its
 * numbers masked ("Last updated on Dec 3, 2024", "Page 4 of 9"); a word or two exactly ("index", "next |"), so a
 * date line ("3 March 2025") that every article has, each with its own date, stays.
 *
 * Statistics come from the folder's first SAMPLE documents (in file order), so the rest of the folder streams
 * through without waiting for the whole folder to be prepared.
 */
export const SAMPLE = 16;
export const MIN_FILES = 3;
const MAX_LENGTH = 300;
const SEVERAL_WORDS = /\p{L}{2,}\P{L}+\p{L}{2,}/u;

export function blockKey(block: TextBlock, text: string): string | undefined {
  if (block.kind === "code" || text.length > MAX_LENGTH) return undefined;
  const spaced = text.toLowerCase().replace(/\s+/gu, " ").trim();
  return SEVERAL_WORDS.test(spaced) ? spaced.replace(/\d+/gu, "#") : spaced;
}

/** The keys of the paragraphs that recur in at least half of `docs` (and in MIN_FILES of them). */
export function frequentBlocks(docs: readonly SourceDocument[]): Set<string> {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    const keys = new Set<string>();
    for (const block of doc.blocks ?? []) {
      const key = blockKey(block, doc.text.slice(block.start, block.end));
      if (key) keys.add(key);
    }
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(MIN_FILES, Math.ceil(docs.length / 2));
  return new Set([...counts].filter(([, n]) => n >= threshold).map(([key]) => key));
}

/** The document without the folder's boilerplate paragraphs (the same object when it has none). */
export function dropFolderBoilerplate(doc: SourceDocument, boilerplate: ReadonlySet<string>): SourceDocument {
  if (boilerplate.size === 0) return doc;
  return dropBlocks(doc, (block, text) => {
    const key = blockKey(block, text);
    return key !== undefined && boilerplate.has(key);
  });
}
