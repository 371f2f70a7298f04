import type { Config } from "../core/config.js";
import { AppError } from "../core/errors.js";
import type { AskRequest, AskResponse, Composition, Engine, EngineEvent, Health, Hit, Turn } from "../core/types.js";
import { createEmbedder, hasWordVectors, openChunkStore, storeLocation, type ChunkReader, type Embedder } from "../ingest/index.js";
import type { Answerer } from "./answer/answerer.js";
import { ExtractiveAnswerer } from "./answer/extractive.js";
import type { Condense } from "./condense-llm.js";
import { rewriteFollowUp } from "./condense.js";
import { HybridRetriever } from "./retrieve/hybrid.js";
import type { Retriever } from "./retrieve/retriever.js";

export interface EngineDeps {
  embedder?: Embedder;
  /** An open store; by default the index the config names (INDEX_DIR, or the database with STORE=postgres). */
  store?: ChunkReader;
  answerer?: Answerer;
  retriever?: Retriever;
  /**
   * Called with the (rewritten) query and the retriever's hits, best first, before the answerer sees them: lets
   * the eval score retrieval on what was really retrieved rather than on what the answer shows.
   */
  onRetrieve?: (query: string, hits: readonly Hit[]) => void;
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

const MAX_TOP_K = 20;

/**
 * Wires the seams once: embedder, store, hybrid retriever, answerer (extractive, or the LLM one with the
 * extractive one as its fallback) and the follow-up rewriter. Everything slow happens here, so `ask` only
 * retrieves and answers. Rejects with INDEX_NOT_READY / INDEX_MISMATCH when the index is missing or foreign.
 */
export async function createEngine(config: Readonly<Config>, deps: EngineDeps = {}): Promise<CitebotEngine> {
  const embedder = deps.embedder ?? (await createEmbedder(config));
  const store = deps.store ?? (await openChunkStore(storeLocation(config.ingest), embedder));
  const retriever = deps.retriever ?? new HybridRetriever(store, embedder);
  const remote = config.generator.provider === "openai";
  const answerer = deps.answerer ?? (await createAnswerer(config, embedder, remote));
  const condense = remote ? await createCondense(config) : offlineCondense;
  const health = describeIndex(store, embedder, answerer);
  const documents = listDocuments(store);

  /**
   * Rewrites a follow-up into a standalone query, retrieves for it and streams the answer for it.
   * Timings: retrieveMs covers the rewrite and retrieval, generateMs the answerer until its `done`.
   */
  async function* ask(request: AskRequest, signal?: AbortSignal): AsyncIterable<EngineEvent> {
    const started = performance.now();
    if (!request.question.trim()) throw new AppError("BAD_REQUEST", "question must not be empty");
    const topK = checkTopK(request.topK ?? config.rag.topK);
    const history = request.history ?? [];
    const query = history.length > 0 ? await condense(request.question, history, signal) : request.question;
    const hits: Hit[] = await retriever.retrieve(query, topK, signal);
    const retrieved = performance.now();
    deps.onRetrieve?.(query, hits);
    for await (const event of answerer.answer(query, hits, { history, signal })) {
      if (event.type !== "done") {
        yield event;
        continue;
      }
      const done = performance.now();
      const timings = { retrieveMs: ms(retrieved - started), generateMs: ms(done - retrieved), totalMs: ms(done - started) };
      yield { type: "done", response: toResponse(event.answer, query, embedder.id, timings) };
      return;
    }
    throw new AppError("INTERNAL", `Answerer ${answerer.name} ended without a done event`);
  }

  // A store the engine opened is the engine's to close (its database connections); one passed in is the caller's.
  const close = async () => {
    if (!deps.store) await store.close?.();
  };
  return { ask, health: () => ({ ...health }), documents: () => documents, close };
}

async function createAnswerer(config: Readonly<Config>, embedder: Embedder, remote: boolean): Promise<Answerer> {
  const extractive = new ExtractiveAnswerer({
    wordVectors: hasWordVectors(embedder) ? embedder : undefined,
    ...(config.rag.abstainThreshold === undefined ? {} : { abstainThreshold: config.rag.abstainThreshold }),
  });
  if (!remote) return extractive;
  // Imported only when configured, so the offline default never loads the OpenAI SDK.
  const { createLlmAnswerer } = await import("./answer/llm.js");
  return createLlmAnswerer(config, { fallback: extractive });
}

async function createCondense(config: Readonly<Config>): Promise<Condense> {
  const { createLlmCondenser } = await import("./condense-llm.js");
  return createLlmCondenser(config, { fallback: rewriteFollowUp });
}

const offlineCondense: Condense = async (question: string, history: Turn[]) => rewriteFollowUp(question, history);

function toResponse(answer: Composition, query: string, embeddings: string, timings: AskResponse["timings"]): AskResponse {
  return { ...answer, query, model: { embeddings, generator: answer.generator }, timings };
}

function checkTopK(topK: number): number {
  if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
    throw new AppError("BAD_REQUEST", `topK must be an integer from 1 to ${MAX_TOP_K}, got ${topK}`);
  }
  return topK;
}

function describeIndex(store: ChunkReader, embedder: Embedder, answerer: Answerer): Health {
  return {
    status: "ok",
    documents: new Set(store.chunks().map((c) => c.source)).size,
    chunks: store.size,
    embeddings: embedder.id,
    generator: answerer.name,
    indexBuiltAt: store.builtAt ?? new Date().toISOString(),
  };
}

function listDocuments(store: ChunkReader): DocumentSummary[] {
  const bySource = new Map<string, DocumentSummary>();
  for (const { source, title, date } of store.chunks()) {
    const summary = bySource.get(source);
    if (summary) summary.chunks++;
    else {
      const file = store.fileRecord?.(source);
      bySource.set(source, { source, title, date, chunks: 1, bytes: file?.bytes ?? null, indexedAt: file?.indexedAt ?? null });
    }
  }
  return [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source));
}

const ms = (x: number): number => Math.round(x * 1000) / 1000;
