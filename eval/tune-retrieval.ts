/**
 * Retrieval tuning table: every candidate recipe over every chunking, scored on the gold set's tune and
 * held-out splits (hit@1/3/5, MRR, doc recall@5). Numbers go to rag/retrieve/TUNING.md.
 *   node --import tsx eval/tune-retrieval.ts [--chunkings 1000/200,800/150] [--only name,name] [--misses name]
 * --only takes exact recipe names, or substrings when no name matches exactly.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../core/config.js";
import type { Hit } from "../core/types.js";
import { createEmbedder, openChunkStore, runIngest, type ChunkReader, type Embedder } from "../ingest/index.js";
import { rewriteFollowUp, toQuery } from "../rag/index.js";
import { RETRIEVAL_VARIANTS, type Variant } from "./tune-variants.js";
import { ALL_EVIDENCE_TYPES, evidenceList, loadGold, type GoldItem } from "./gold.js";
import { docRecall } from "./metrics/doc-recall.js";
import { evidenceRank } from "./metrics/hit-at-k.js";

const { values: args } = parseArgs({
  options: {
    chunkings: { type: "string", default: "1000/200" },
    only: { type: "string" },
    misses: { type: "string" },
    gold: { type: "string", default: path.join(import.meta.dirname, "corpora/news/gold.jsonl") },
  },
});

interface Scores {
  n: number;
  hit1: number;
  hit3: number;
  hit5: number;
  mrr: number;
  doc5: number;
}

const config = loadConfig();
const gold = (await loadGold(args.gold)).filter((g) => g.answerable);
const embedder = await createEmbedder(config);
const variants = pickVariants(args.only);
const queries = new Map(gold.map((g) => [g.id, g.history?.length ? toQuery(rewriteFollowUp(g.question, g.history)) : g.question]));

console.log("| chunks | recipe | tune hit@1 | hit@3 | hit@5 | MRR | doc@5 | heldout hit@1 | hit@3 | hit@5 | MRR | doc@5 | ms/query |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const chunking of args.chunkings.split(",")) {
  const [chunkSize, chunkOverlap] = chunking.split("/").map(Number) as [number, number];
  const indexDir = path.resolve(".data/tune", `${chunkSize}-${chunkOverlap}`);
  // Rebuilt every run: the manifest does not record the cleaning code, so an old index could hide its changes.
  await runIngest({ docsDir: config.ingest.docsDir, indexDir, chunkSize, chunkOverlap, rebuild: true }, { embedder });
  for (const variant of variants) {
    const store = await openChunkStore(indexDir, embedder, variant.store);
    const { bySplit, ms, misses } = await score(variant, store, embedder);
    const cells = (["tune", "heldout"] as const).flatMap((s) => format(bySplit[s]));
    console.log(`| ${chunking} | ${variant.name} | ${cells.join(" | ")} | ${ms.toFixed(2)} |`);
    if (args.misses && variant.name.includes(args.misses)) for (const m of misses) console.log(`    miss ${m}`);
  }
}

async function score(variant: Variant, store: ChunkReader, embedder: Embedder) {
  const retriever = variant.make(store, embedder);
  const bySplit: Record<GoldItem["split"], Scores> = { tune: empty(), heldout: empty() };
  const misses: string[] = [];
  let ms = 0;
  for (const item of gold) {
    const query = queries.get(item.id)!;
    await retriever.retrieve(query, 5); // warm the caches: the timing is of a repeated query
    const started = performance.now();
    const hits: Hit[] = await retriever.retrieve(query, 5);
    ms += performance.now() - started;
    const passages = hits.map((h) => ({ source: h.chunk.source, text: h.chunk.text }));
    const rank = evidenceRank(passages, evidenceList(item), ALL_EVIDENCE_TYPES.has(item.type) ? "all" : "any");
    const s = bySplit[item.split];
    s.n++;
    s.hit1 += rank !== null && rank <= 1 ? 1 : 0;
    s.hit3 += rank !== null && rank <= 3 ? 1 : 0;
    s.hit5 += rank !== null && rank <= 5 ? 1 : 0;
    s.mrr += rank ? 1 / rank : 0;
    s.doc5 += docRecall(item.sources, passages, 5);
    if (rank === null || rank > 5) misses.push(`${item.id} [${item.split}] ${query}`);
  }
  return { bySplit, ms: ms / gold.length, misses };
}

function pickVariants(only: string | undefined): Variant[] {
  if (!only) return RETRIEVAL_VARIANTS;
  const names = only.split(",");
  const exact = RETRIEVAL_VARIANTS.filter((v) => names.includes(v.name));
  return exact.length ? exact : RETRIEVAL_VARIANTS.filter((v) => names.some((n) => v.name.includes(n)));
}

function empty(): Scores {
  return { n: 0, hit1: 0, hit3: 0, hit5: 0, mrr: 0, doc5: 0 };
}

function format(s: Scores): string[] {
  return [s.hit1, s.hit3, s.hit5, s.mrr, s.doc5].map((x) => (x / s.n).toFixed(3));
}
