import { loadConfig } from "../core/config.js";
import type { Hit } from "../core/types.js";
import { hasWordVectors, runIngest } from "../ingest/index.js";
import { createEngine, type StandaloneQuestion } from "../rag/index.js";
import { ExtractiveAnswerer, type Analysis } from "../rag/answer/extractive/extractive-answerer.js";
import { loadCorpus } from "./corpora/corpus.js";
import { ensureCorpus } from "./corpora/fetch.js";
import { loadGold, validateGold, type GoldItem } from "./gold.js";
import { openEmbedder, targetConfig } from "./runners/open.js";

/** A tune question with what the composer made of the passages the engine retrieved for it. */
export interface TuneAnalysis {
  item: GoldItem;
  analysis: Analysis;
}

/**
 * Asks every tune question of one corpus as the engine does (fetching the corpus and updating its index first)
 * and returns the composer's analysis of each, for the script that fits the composer's abstention model. The
 * composer never abstains here, so the fit sees its raw signals.
 */
export async function analyseTuneQuestions(name: string): Promise<TuneAnalysis[]> {
  const corpus = await loadCorpus(name);
  await ensureCorpus(corpus);
  const config = targetConfig(loadConfig(), corpus);
  const embedder = await openEmbedder(config);
  const { docsDir, indexDir, chunkSize, chunkOverlap } = config.ingest;
  await runIngest({ docsDir, indexDir, chunkSize, chunkOverlap }, { embedder });
  const composer = new ExtractiveAnswerer({ wordVectors: hasWordVectors(embedder) ? embedder : undefined, abstainThreshold: 0 });
  let last: { question: StandaloneQuestion; hits: readonly Hit[] } | undefined;
  const engine = await createEngine(config, { embedder, answerer: composer, onRetrieve: (_query, hits, question) => (last = { question, hits }) });
  const gold = (await loadGold(corpus.gold)).filter((g) => g.split === "tune");
  await validateGold(gold, corpus.docsDir, corpus.role === "split" ? "tune" : corpus.role);
  const out: TuneAnalysis[] = [];
  for (const item of gold) {
    for await (const _ of engine.ask({ question: item.question, ...(item.history ? { history: item.history } : {}) }));
    out.push({ item, analysis: composer.analyse(last!.question, last!.hits) });
  }
  await engine.close();
  return out;
}
