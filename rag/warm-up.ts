import type { TermIndex } from "../ingest/index.js";
import { ask, type Pipeline } from "./ask.js";

/** Most warm-up questions, whatever the budget: enough for V8 to compile the hot paths of every stage. */
const MAX_QUESTIONS = 64;
/** Question openings of the composer's kinds (what, how, why, who, when, how many). */
const OPENINGS = ["What is", "How do I use", "Why does", "Who described", "When did", "How many"];
const WORDS_PER_QUESTION = 3;
// A prime stride through the vocabulary: deterministic, and spread over all of it rather than its first ids.
const STRIDE = 7_919;

/**
 * Asks questions made of the index's own mid-frequency words until `budgetMs` has passed (or MAX_QUESTIONS), so
 * that the first users of a freshly opened engine do not pay for compiling its hot paths. The words come from the
 * vocabulary, not from any question users ask. Answers are pure functions of the index, so warming changes none.
 * Returns how many questions it asked.
 */
export async function warmUp(pipeline: Pipeline, terms: TermIndex, budgetMs: number): Promise<number> {
  if (budgetMs <= 0) return 0;
  const words = midFrequencyWords(terms);
  if (words.length < WORDS_PER_QUESTION) return 0;
  // Warm-up questions are nobody's: the eval's retrieval log must not see them.
  const { onRetrieve: _unused, ...quiet } = pipeline;
  const started = performance.now();
  let asked = 0;
  while (asked < MAX_QUESTIONS && performance.now() - started < budgetMs) {
    const picked = Array.from({ length: WORDS_PER_QUESTION }, (_, j) => words[(asked * WORDS_PER_QUESTION + j) % words.length]!);
    const question = `${OPENINGS[asked % OPENINGS.length]} ${picked.join(" ")}?`;
    for await (const event of ask(quiet, { question })) void event;
    asked++;
  }
  return asked;
}

/** Up to MAX_QUESTIONS · WORDS_PER_QUESTION words of four letters or more, no figures, in 2 to 10% of the chunks. */
function midFrequencyWords(terms: TermIndex): string[] {
  const wanted = MAX_QUESTIONS * WORDS_PER_QUESTION;
  const out: string[] = [];
  for (let i = 0, id = 0; i < terms.termCount && out.length < wanted; i++, id = (id + STRIDE) % terms.termCount) {
    const word = terms.term(id);
    const df = terms.df(id);
    if (word.length >= 4 && !/\d/u.test(word) && df >= 2 && df <= Math.max(2, terms.size / 10)) out.push(word);
  }
  return out;
}
