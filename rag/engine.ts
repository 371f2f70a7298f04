import type { Config } from "../core/config.js";
import type { Engine, Health, Hit, Turn } from "../core/types.js";
import { createEmbedder, hasWordVectors, openChunkStore, storeLocation, summariseSources, type ChunkReader, type Embedder } from "../ingest/index.js";
import type { Answerer } from "./answer/answerer.js";
import { ask, type Pipeline } from "./ask.js";
import { ExtractiveAnswerer } from "./answer/extractive/extractive-answerer.js";
import type { Condense, StandaloneQuestion } from "./condense/condense.js";
import { rewriteFollowUp } from "./condense/offline.js";
import { DEFAULT_CANDIDATES, defaultPostprocessors } from "./postprocess/default-postprocessors.js";
import type { Postprocessor } from "./postprocess/postprocessor.js";
import { HybridRetriever } from "./retrieve/hybrid.js";
import { TermMatcher } from "./terms/term-matcher.js";
import { warmUp } from "./warm-up.js";
import type { Retriever } from "./retrieve/retriever.js";

export interface EngineDeps {
  embedder?: Embedder;
  /** An open store; by default the index the config names (INDEX_DIR, or the database with STORE=postgres). */
  store?: ChunkReader;
  answerer?: Answerer;
  retriever?: Retriever;
  /** Steps between retrieval and answering; by default dedupe, then MMR over documents. */
  postprocessors?: Postprocessor[];
  /**
   * Called with the (rewritten) query and the postprocessed hits, best first, before the answerer sees them: lets
   * the eval score retrieval on what was really retrieved rather than on what the answer shows.
   */
  onRetrieve?: (query: string, hits: readonly Hit[], question: StandaloneQuestion) => void;
}

/** One document of the knowledge base (the demo page and GET /api/documents list them). */
export interface DocumentSummary {
  source: string;
  title: string;
  date: string | null;
  /** Its chunks in the index. */
  chunks: number;
  /** Size of the file when indexed; null when the store keeps no file records. */
  bytes: number | null;
  /** When this version of the file was indexed; null when not recorded. */
  indexedAt: string | null;
}

/** The engine plus the list of documents it answers from. */
export interface CitebotEngine extends Engine {
  documents(): readonly DocumentSummary[];
}

/**
 * Wires the stages once: embedder, store, condense (the offline rewrite, or the LLM one falling back to it), the
 * hybrid retriever, dedupe and MMR, and the answerer (extractive, or the LLM one with the extractive one as its
 * fallback). Everything slow happens here, so `ask` only runs the stages: offline, it also warms the stages up
 * (WARMUP_MS, rag/warm-up.ts). Rejects with INDEX_NOT_READY /
 * INDEX_MISMATCH when the index is missing or foreign.
 */
export async function createEngine(config: Readonly<Config>, deps: EngineDeps = {}): Promise<CitebotEngine> {
  const embedder = deps.embedder ?? (await createEmbedder(config));
  const store = deps.store ?? (await openChunkStore(storeLocation(config.ingest), embedder));
  const remote = config.generator.provider === "openai";
  // One judge of word matches for retrieval and answering, so both agree and share its caches.
  const termMatcher = new TermMatcher(hasWordVectors(embedder) ? embedder : undefined);
  const answerer = deps.answerer ?? (await createAnswerer(config, embedder, termMatcher, remote));
  const pipeline: Pipeline = {
    condense: remote ? await createCondense(config) : offlineCondense,
    retriever: deps.retriever ?? new HybridRetriever(store, embedder, { termMatcher }),
    candidates: DEFAULT_CANDIDATES,
    postprocessors: deps.postprocessors ?? defaultPostprocessors(),
    answerer,
    topK: config.rag.topK,
    embeddings: embedder.id,
    ...(deps.onRetrieve ? { onRetrieve: deps.onRetrieve } : {}),
  };
  // Offline only: warming must never call a model server.
  if (!remote && answerer.name === "extractive" && hasWordVectors(embedder)) await warmUp(pipeline, store.termIndex(), config.rag.warmUpMs);
  const health = describeIndex(store, embedder, answerer);
  const documents = listDocuments(store);
  // A store the engine opened is the engine's to close (its database connections); one passed in is the caller's.
  return {
    ask: (request, signal) => ask(pipeline, request, signal),
    health: () => ({ ...health }),
    documents: () => documents,
    close: async () => {
      if (!deps.store) await store.close?.();
    },
  };
}

async function createAnswerer(config: Readonly<Config>, embedder: Embedder, termMatcher: TermMatcher, remote: boolean): Promise<Answerer> {
  const extractive = new ExtractiveAnswerer({
    wordVectors: hasWordVectors(embedder) ? embedder : undefined,
    termMatcher,
    ...(config.rag.abstainThreshold === undefined ? {} : { abstainThreshold: config.rag.abstainThreshold }),
  });
  if (!remote) return extractive;
  // Imported only when configured, so the offline default never loads the OpenAI SDK.
  const { createLlmAnswerer } = await import("./answer/llm/llm-answerer.js");
  return createLlmAnswerer(config, { fallback: extractive });
}

async function createCondense(config: Readonly<Config>): Promise<Condense> {
  const { createLlmCondenser } = await import("./condense/llm.js");
  return createLlmCondenser(config, { fallback: rewriteFollowUp });
}

const offlineCondense: Condense = async (question: string, history: Turn[]) => rewriteFollowUp(question, history);

function describeIndex(store: ChunkReader, embedder: Embedder, answerer: Answerer): Health {
  return {
    status: "ok",
    documents: summariseSources(store).length,
    chunks: store.size,
    embeddings: embedder.id,
    generator: answerer.name,
    indexBuiltAt: store.builtAt ?? new Date().toISOString(),
  };
}

function listDocuments(store: ChunkReader): DocumentSummary[] {
  return summariseSources(store)
    .map(({ source, title, date, chunks }) => {
      const file = store.fileRecord?.(source);
      return { source, title, date, chunks, bytes: file?.bytes ?? null, indexedAt: file?.indexedAt ?? null };
    })
    .sort((a, b) => a.source.localeCompare(b.source));
}
