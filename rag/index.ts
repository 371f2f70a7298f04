/**
 * The rag package's one entry point: server, eval and bench import rag only from here.
 * Nothing runs on import.
 */
export type { Retriever } from "./retrieve/retriever.js";
export { HybridRetriever, DEFAULT_HYBRID } from "./retrieve/hybrid.js";
export type { HybridOptions, HybridWeights } from "./retrieve/hybrid.js";
export { DenseRetriever } from "./retrieve/dense.js";
export { LexicalRetriever } from "./retrieve/lexical.js";
export { fuseRrf, fuseScores } from "./retrieve/fuse.js";
export type { RrfOptions, ScoreFusionOptions } from "./retrieve/fuse.js";
export type { Postprocessor } from "./postprocess/postprocessor.js";
export { postprocess } from "./postprocess/postprocessor.js";
export { dedupeOverlapping, createDedupe } from "./postprocess/dedupe.js";
export { diversifyMmr, createMmr } from "./postprocess/mmr.js";
export { candidatesFor, defaultPostprocessors, DEFAULT_POSTPROCESS, DEFAULT_CANDIDATES } from "./postprocess/default-postprocessors.js";
export type { PostprocessOptions } from "./postprocess/default-postprocessors.js";
export { PostprocessedRetriever } from "./postprocess/postprocessed-retriever.js";
export { WordMatcher } from "./retrieve/word-match.js";
export { TermMatcher, type TermMatchOptions } from "./terms/term-matcher.js";
export { isRankedHit } from "./retrieve/ranked-hit.js";
export type { HitFeatures, RankedHit } from "./retrieve/ranked-hit.js";
export { createEngine } from "./engine.js";
export { ask } from "./ask.js";
export type { Pipeline } from "./ask.js";
export type { CitebotEngine, DocumentSummary, EngineDeps } from "./engine.js";
export { rewriteFollowUp } from "./condense/offline.js";
export { standalone, toQuery } from "./condense/condense.js";
export type { Condense, StandaloneQuestion } from "./condense/condense.js";
export type { Answerer, AnswerOptions } from "./answer/answerer.js";
export { ExtractiveAnswerer } from "./answer/extractive/extractive-answerer.js";
export type { ExtractiveOptions } from "./answer/extractive/extractive-answerer.js";
export { collect } from "./answer/collect.js";
export { citeSentences, toCitation } from "./answer/citations.js";
export { verifyCitations, supportScore } from "./verify/verify.js";
export type { Verification, VerifyOptions } from "./verify/verify.js";
export { uniqueTerms } from "./retrieve/word-match.js";
export type { WordMatchOptions } from "./retrieve/word-match.js";
export { sameStem } from "./terms/same-stem.js";
export { CitebotRetriever } from "./retrieve/langchain-retriever.js";
