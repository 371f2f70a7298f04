import type { WordVectors } from "../../ingest/embed/embedder.js";
import { dot } from "../../ingest/embed/vector.js";

/**
 * How well a question term is matched by a passage word: 1 for the same word, a little less for the
 * same stem ("negotiations"/"negotiating"; the tokenizer does not stem), and a soft credit for a
 * near-synonym by word vectors ("troops"/"soldiers"). Soft credit stays below a stem match so that
 * exact evidence always wins.
 */
export const STEM_MATCH = 0.85;
const SOFT_FLOOR = 0.5;
const SOFT_CEILING = 0.9;
const SOFT_MAX = 0.7;

export class TermMatcher {
  // Soft similarities are pure functions of two words: cached per question word, across questions.
  private readonly soft = new Map<string, Map<string, number>>();

  constructor(private readonly vectors?: WordVectors) {}

  /** For each question term, the passage words that match it and how strongly (only those above 0). */
  matchAll(terms: readonly string[], vocabulary: readonly string[]): Map<string, number>[] {
    return terms.map((q) => {
      const soft = this.softRow(q);
      const matches = new Map<string, number>();
      for (const word of vocabulary) {
        const strength = q === word ? 1 : sameStem(q, word) ? STEM_MATCH : soft ? this.softMatch(soft, q, word) : 0;
        if (strength > 0) matches.set(word, strength);
      }
      return matches;
    });
  }

  private softRow(q: string): Map<string, number> | undefined {
    // Figures have no useful neighbours ("2014" is not "2015"); unknown words have none at all.
    if (!this.vectors || /\d/u.test(q) || !this.vectors.wordVector(q)) return undefined;
    let row = this.soft.get(q);
    if (!row) {
      if (this.soft.size > 5_000) this.soft.clear();
      row = new Map();
      this.soft.set(q, row);
    }
    return row;
  }

  private softMatch(row: Map<string, number>, q: string, word: string): number {
    let value = row.get(word);
    if (value === undefined) {
      const b = /\d/u.test(word) ? undefined : this.vectors!.wordVector(word);
      const cos = b ? dot(this.vectors!.wordVector(q)!, b) : 0;
      value = SOFT_MAX * Math.min(1, Math.max(0, (cos - SOFT_FLOOR) / (SOFT_CEILING - SOFT_FLOOR)));
      row.set(word, value);
    }
    return value;
  }
}

/** A shared prefix covering most of the shorter word: "border"/"borders", "ukraine"/"ukrainian". */
export function sameStem(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4 || a[0] !== b[0]) return false;
  let i = 0;
  while (i < shorter && a[i] === b[i]) i++;
  return i >= 4 && i >= 0.7 * shorter && Math.max(a.length, b.length) - i <= 5;
}
