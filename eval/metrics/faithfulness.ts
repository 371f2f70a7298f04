import type { Citation } from "../../core/types.js";
import { normalizeText } from "../normalize.js";
import { citedSentences } from "./markers.js";
import { supportScore } from "../../rag/index.js";

/** "verbatim" for extractive answers (quotes must appear in the cited passage), "lexical" for generated ones. */
export type FaithfulnessMode = "verbatim" | "lexical";

/** Minimum lexical support (rag/verify/support.ts, shared with the LLM verifier) for a generated sentence. */
export const SUPPORT_THRESHOLD = 0.6;

export interface SentenceSupport {
  text: string;
  markers: number[];
  support: number;
  supported: boolean;
}

export interface Faithfulness {
  /** Share of supported sentences; null when there is nothing to judge (an abstention, an empty answer). */
  score: number | null;
  sentences: SentenceSupport[];
}

/** The answer's generator decides the mode: any extractive answer (fallbacks included) must quote verbatim. */
export const faithfulnessMode = (generator: string): FaithfulnessMode => (generator.startsWith("extractive") ? "verbatim" : "lexical");

/**
 * Share of answer sentences supported by the passages they cite. An uncited sentence, or one citing a
 * missing passage, is unsupported. Verbatim: the sentence (whitespace/quotes normalised) is a substring
 * of one cited passage. Lexical: supportScore over the cited passages joined ≥ SUPPORT_THRESHOLD.
 */
export function faithfulness(answer: string, abstained: boolean, citations: readonly Citation[], mode: FaithfulnessMode): Faithfulness {
  if (abstained) return { score: null, sentences: [] };
  const byId = new Map(citations.map((c) => [c.id, c.text]));
  const sentences = citedSentences(answer).map(({ text, markers }) => {
    const passages = markers.map((n) => byId.get(n)).filter((t): t is string => t !== undefined);
    const support = passages.length === 0 ? 0 : mode === "verbatim" ? verbatimSupport(text, passages) : supportScore(text, passages.join("\n"));
    return { text, markers, support, supported: passages.length > 0 && support >= (mode === "verbatim" ? 1 : SUPPORT_THRESHOLD) };
  });
  if (!sentences.length) return { score: null, sentences };
  return { score: sentences.filter((s) => s.supported).length / sentences.length, sentences };
}

function verbatimSupport(sentence: string, passages: readonly string[]): number {
  const quote = normalizeText(sentence);
  return passages.some((p) => normalizeText(p).includes(quote)) ? 1 : 0;
}
