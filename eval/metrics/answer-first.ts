import { factRecall, stripMarkers } from "./fact-recall.js";

/** How far into an answer a reader should find it: the brief's "answer first" window. */
export const ANSWER_FIRST_WORDS = 30;

/** The first `n` words of an answer, citation markers removed. */
export function leadWords(answer: string, n = ANSWER_FIRST_WORDS): string {
  return stripMarkers(answer).split(/\s+/u).filter(Boolean).slice(0, n).join(" ");
}

/**
 * Answer-first recall: 1 when every fact group already appears within the answer's first 30 words (markers
 * removed), so a reader gets the answer without digging; 0 otherwise, and 0 for an abstention.
 */
export function answerFirstRecall(answer: string, abstained: boolean, facts: readonly (readonly string[])[]): number {
  return factRecall(leadWords(answer), abstained, facts).score;
}

/** Words of an answer a reader has to read, markers removed. */
export function answerWords(answer: string): number {
  return stripMarkers(answer).split(/\s+/u).filter(Boolean).length;
}
