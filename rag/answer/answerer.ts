import type { AnswerEvent, Hit, Turn } from "../../core/types.js";
import type { StandaloneQuestion } from "../condense/condense.js";

export interface AnswerOptions {
  history?: Turn[];
  signal?: AbortSignal;
}

/**
 * Turns a question and its retrieved passages into an answer. Yields `citations` first (the passages
 * the answer may cite), then `token`s, then exactly one `done`. Upstream failures never escape: an
 * LLM answerer falls back to the extractive one and says so in `generator`.
 */
export interface Answerer {
  readonly name: string;
  answer(question: StandaloneQuestion, hits: Hit[], opts?: AnswerOptions): AsyncIterable<AnswerEvent>;
}
