import { contentTerms } from "../../ingest/index.js";

/**
 * How well a passage supports a sentence, lexically, in [0, 1]: the share of the sentence's content terms
 * that the passage contains, times the share of its numbers that the passage contains, because a figure
 * the passage does not state is the commonest unsupported claim ("3 hours" against "2 hours" scores 0).
 * Light suffix folding lets "talks"/"talked" match "talk". A sentence with no content term claims nothing
 * and scores 1. Shared by citation checking (rag/verify/verify.ts) and the eval harness.
 */
export function supportScore(sentence: string, passage: string): number {
  const claimed = new Set(contentTerms(sentence).map(fold));
  if (claimed.size === 0) return 1;
  const present = new Set(contentTerms(passage).map(fold));
  const numbers = [...claimed].filter(isNumeric);
  const share = (terms: string[]) => (terms.length ? terms.filter((t) => present.has(t)).length / terms.length : 1);
  return share([...claimed]) * share(numbers);
}

/** Sentence terms that count for support; fewer than two means a sentence too thin to judge. */
export function claimTermCount(sentence: string): number {
  return new Set(contentTerms(sentence)).size;
}

// Inflectional endings only, longest first; derivational ones would merge unrelated words.
const SUFFIXES = ["ies", "ied", "ing", "ed", "es", "s"] as const;

/** Folds plural and tense endings so paraphrases of the same word meet; leaves short words and numbers alone. */
function fold(term: string): string {
  if (term.length < 5 || isNumeric(term) || term.endsWith("ss")) return term;
  for (const suffix of SUFFIXES) {
    if (term.endsWith(suffix) && term.length - suffix.length >= 3) {
      const stem = term.slice(0, -suffix.length);
      return suffix.startsWith("ie") ? `${stem}y` : stem.replace(/e$/u, "");
    }
  }
  return term.replace(/e$/u, "");
}

function isNumeric(term: string): boolean {
  return /\d/u.test(term);
}
