import type { Citation, Hit } from "../../core/types.js";
import { defuseDocumentMarkers } from "./document-markers.js";
import type { ScoredSentence } from "./extractive/sentence-score.js";

/** The answer as quoted sentences, each ending with the marker of its passage, and the passages cited. */
export interface CitedAnswer {
  /** One entry per sentence: `quote [n]`, joined with single spaces to form the answer. */
  sentences: string[];
  citations: Citation[];
}

export function toCitation(hit: Hit, id: number): Citation {
  const { chunk } = hit;
  const citation: Citation = { id, source: chunk.source, title: chunk.title, page: chunk.page, chunkId: chunk.id, text: chunk.text, score: hit.score };
  if (chunk.section) citation.section = chunk.section;
  if (chunk.url) citation.url = chunk.url;
  if (chunk.metadata) citation.metadata = chunk.metadata;
  return citation;
}

/**
 * Orders the picked sentences for reading and numbers their passages. The answer comes first: the best
 * sentence opens, followed by the rest of its source in document order; further sources follow in order
 * of their best sentence, each in document order. With `blocks` (a how-to answer), a sentence introducing a
 * code block is followed by the block, fenced as in Markdown, before its marker. Passages are numbered 1..m in
 * order of first use, so every marker resolves and every citation is referenced.
 */
export function citeSentences(picked: readonly ScoredSentence[], hits: readonly Hit[], { blocks = false }: { blocks?: boolean } = {}): CitedAnswer {
  const bySource = new Map<string, ScoredSentence[]>();
  for (const p of [...picked].sort((a, b) => b.score - a.score)) {
    const source = hits[p.hit]!.chunk.source;
    bySource.set(source, [...(bySource.get(source) ?? []), p]);
  }
  const ordered = [...bySource.values()].flatMap((group, i) => {
    const [best, ...rest] = i === 0 ? group : [];
    const inOrder = (i === 0 ? rest : group).sort((a, b) => position(a, hits) - position(b, hits));
    return best ? [best, ...inOrder] : inOrder;
  });
  const ids = new Map<number, number>();
  const citations: Citation[] = [];
  const sentences = ordered.map((p) => {
    let id = ids.get(p.hit);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(p.hit, id);
      citations.push(toCitation(hits[p.hit]!, id));
    }
    const quote = defuseDocumentMarkers(p.sentence.quote);
    return blocks && p.sentence.shows ? `${quote}\n${fenced(p.sentence.shows.code)}\n[${id}]` : `${quote} [${id}]`;
  });
  return { sentences, citations };
}

/** Where the sentence sits in its document: chunk offset plus sentence offset inside the chunk. */
const position = (p: ScoredSentence, hits: readonly Hit[]) => hits[p.hit]!.chunk.start + p.sentence.start;

/** A Markdown code fence around `code`, longer than any run of backticks inside it. */
function fenced(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/gu)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${code}\n${fence}`;
}
