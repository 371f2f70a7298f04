import type { Chunk } from "../../core/types.js";

/** One kind of suspected leak: how many, and a few examples to look at. */
export interface Finding {
  count: number;
  /** What `count` counts, for the printout ("lines in 40 chunks"). */
  unit: string;
  examples: string[];
}

export interface ChunkAudit {
  documents: number;
  chunks: number;
  repeatedLines: Finding;
  pageNumberLines: Finding;
  changedTokens: Finding;
  bracketedNumbers: Finding;
  withoutSection: Finding;
}

const EXAMPLES = 5;
const PAGE_NUMBER_LINE = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/iu;
const BRACKETED = /\S{0,20}\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\]/gu;
const HAS_BRACKETED = /\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\]/u;
// Tokens that mix letters and digits (int4, utf8, x86_64, expl3): what an over-eager marker rule damages.
const MIXED_TOKEN = /(?<![\p{L}0-9_])(?=[\p{L}_]*[0-9])(?=[0-9]*[\p{L}_])[\p{L}0-9_]+(?![\p{L}0-9_])/gu;

/**
 * Suspected leaks in an index's chunks: lines repeated in chunks of several documents (navigation, footers,
 * running heads), lines that are only a page number, letter+digit tokens of the source that no chunk has any more
 * (`sources`: each document's text as loaded, when available), bracketed numbers that could be read as citation
 * markers, and chunks without a section path.
 */
export function auditChunks(chunks: readonly Chunk[], sources?: ReadonlyMap<string, string>): ChunkAudit {
  const documents = new Set(chunks.map((c) => c.source)).size;
  return {
    documents,
    chunks: chunks.length,
    repeatedLines: repeatedLines(chunks, Math.max(3, Math.ceil(documents * 0.05))),
    pageNumberLines: pageNumberLines(chunks),
    changedTokens: changedTokens(chunks, sources),
    bracketedNumbers: bracketedNumbers(chunks),
    withoutSection: {
      count: chunks.filter((c) => !c.section).length,
      unit: `of ${chunks.length} chunks`,
      examples: chunks
        .filter((c) => !c.section)
        .slice(0, EXAMPLES)
        .map((c) => `${c.id}: ${quote(c.text, 60)}`),
    },
  };
}

function repeatedLines(chunks: readonly Chunk[], minDocuments: number): Finding {
  const docsByLine = new Map<string, Set<string>>();
  for (const chunk of chunks) {
    for (const raw of chunk.text.split("\n")) {
      const line = raw.trim();
      if (line.length < 2) continue;
      (docsByLine.get(line) ?? docsByLine.set(line, new Set()).get(line)!).add(chunk.source);
    }
  }
  const repeated = [...docsByLine].filter(([, docs]) => docs.size >= minDocuments).sort((a, b) => b[1].size - a[1].size);
  const leaking = new Set(repeated.map(([line]) => line));
  const affected = chunks.filter((c) => c.text.split("\n").some((l) => leaking.has(l.trim()))).length;
  return {
    count: repeated.length,
    unit: `lines in ${minDocuments}+ documents, in ${affected} chunks`,
    examples: repeated.slice(0, EXAMPLES).map(([line, docs]) => `${quote(line, 60)} (${docs.size} documents)`),
  };
}

function pageNumberLines(chunks: readonly Chunk[]): Finding {
  const found = chunks.flatMap((c) =>
    c.text
      .split("\n")
      .filter((l) => PAGE_NUMBER_LINE.test(l.trim()))
      .map((l) => `${quote(l.trim(), 20)} in ${c.id}`),
  );
  return { count: found.length, unit: "lines", examples: found.slice(0, EXAMPLES) };
}

function changedTokens(chunks: readonly Chunk[], sources: ReadonlyMap<string, string> | undefined): Finding {
  if (!sources) return { count: 0, unit: "(no source files to compare with)", examples: [] };
  const kept = new Map<string, Set<string>>();
  for (const c of chunks) for (const t of c.text.match(MIXED_TOKEN) ?? []) (kept.get(c.source) ?? kept.set(c.source, new Set()).get(c.source)!).add(t);
  let total = 0;
  const lost: string[] = [];
  for (const [source, text] of sources) {
    const tokens = new Set(text.match(MIXED_TOKEN) ?? []);
    total += tokens.size;
    for (const t of tokens) if (!kept.get(source)?.has(t)) lost.push(`${t} (${source})`);
  }
  return { count: lost.length, unit: `of ${total} letter+digit tokens no chunk has any more`, examples: lost.slice(0, EXAMPLES) };
}

function bracketedNumbers(chunks: readonly Chunk[]): Finding {
  const found = chunks.flatMap((c) => [...c.text.matchAll(BRACKETED)].map((m) => `${quote(m[0], 30)} in ${c.id}`));
  return { count: found.length, unit: `in ${chunks.filter((c) => HAS_BRACKETED.test(c.text)).length} chunks`, examples: found.slice(0, EXAMPLES) };
}

const quote = (text: string, max: number) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

/** The audit as the lines `npm run audit` prints. */
export function formatAudit(audit: ChunkAudit, where: string): string {
  const rows: [string, Finding][] = [
    ["lines repeated across documents", audit.repeatedLines],
    ["page-number-only lines", audit.pageNumberLines],
    ["tokens changed by cleaning", audit.changedTokens],
    ["bracketed numbers", audit.bracketedNumbers],
    ["chunks without a section", audit.withoutSection],
  ];
  const lines = [`Chunk audit of ${where}: ${audit.documents} documents, ${audit.chunks} chunks`];
  for (const [label, f] of rows) {
    lines.push(`  ${label.padEnd(32)} ${String(f.count).padStart(6)} ${f.unit}`);
    for (const e of f.examples) lines.push(`      e.g. ${e}`);
  }
  return lines.join("\n");
}
