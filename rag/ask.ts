import { parseAskRequest } from "../core/ask-request.js";
import { AppError } from "../core/errors.js";
import type { AskRequest, AskResponse, Composition, EngineEvent, Hit } from "../core/types.js";
import type { Answerer } from "./answer/answerer.js";
import { standalone, toQuery, type Condense, type StandaloneQuestion } from "./condense/condense.js";
import { postprocess, type Postprocessor } from "./postprocess/postprocessor.js";
import type { Retriever } from "./retrieve/retriever.js";

/** The stages a question travels through, in order, and the settings they share. */
export interface Pipeline {
  /** Follow-up → standalone question; only called when the request has a history. */
  condense: Condense;
  retriever: Retriever;
  /** How many candidates the retriever hands to the postprocessors. */
  candidates: number;
  /** Between retrieval and answering: dedupe, MMR, rerankers; the last keeps the request's topK. */
  postprocessors: readonly Postprocessor[];
  answerer: Answerer;
  /** topK when the request names none. */
  topK: number;
  /** The embedder's id, reported with each response. */
  embeddings: string;
  /** Sees the query, the hits the answerer gets, best first (the eval scores retrieval on them), and the question they answer. */
  onRetrieve?: (query: string, hits: readonly Hit[], question: StandaloneQuestion) => void;
}

/**
 * One question through the pipeline: condense (follow-ups only), retrieve, postprocess, answer. Yields the
 * answerer's events, its `done` turned into the full response. Timings: retrieveMs covers condensing, retrieval
 * and postprocessing, generateMs the answerer until its `done`.
 */
export async function* ask(pipeline: Pipeline, request: AskRequest, signal?: AbortSignal): AsyncIterable<EngineEvent> {
  const started = performance.now();
  const { condense, retriever, candidates, postprocessors, answerer } = pipeline;
  const { question: asked, topK = pipeline.topK, history = [] } = parseAskRequest(request);
  const question = history.length > 0 ? await condense(asked, history, signal) : standalone(asked);
  const query = toQuery(question);
  const found = await retriever.retrieve(query, Math.max(topK, candidates), signal);
  signal?.throwIfAborted();
  const hits = await postprocess(postprocessors, query, found, topK);
  const retrieved = performance.now();
  pipeline.onRetrieve?.(query, hits, question);
  for await (const event of answerer.answer(question, hits, { history, signal })) {
    if (event.type !== "done") {
      yield event;
      continue;
    }
    const done = performance.now();
    const timings = { retrieveMs: ms(retrieved - started), generateMs: ms(done - retrieved), totalMs: ms(done - started) };
    yield { type: "done", response: toResponse(event.answer, query, pipeline.embeddings, timings) };
    return;
  }
  throw new AppError("INTERNAL", `Answerer ${answerer.name} ended without a done event`);
}

function toResponse(answer: Composition, query: string, embeddings: string, timings: AskResponse["timings"]): AskResponse {
  return { ...answer, query, model: { embeddings, generator: answer.generator }, timings };
}

const ms = (x: number): number => Math.round(x * 1000) / 1000;
