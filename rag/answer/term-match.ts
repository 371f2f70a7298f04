import { dot, type WordVectors } from "../../ingest/index.js";
import { sameStem } from "../retrieve/same-stem.js";

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

const CACHE_LIMIT = 20_000;
/** Word pairs judged before the strength cache starts over (a few tens of MB at most). */
const PAIR_LIMIT = 1_000_000;
/** (passage, term) matches remembered before that memory starts over: small maps, most of them the shared empty one. */
const MATCHES_LIMIT = 100_000;
/** What most terms find in most passages: shared, so that remembering it costs nothing. */
const NO_MATCHES: ReadonlyMap<string, number> = new Map();

interface TermRow {
  vector: Float32Array | null;
  /** Match strength per passage word met so far (0 included), so each pair is judged once. */
  strength: Map<string, number>;
}

export class TermMatcher {
  // Strengths and word vectors are pure functions of the words: cached across questions (bounded).
  private readonly rows = new Map<string, TermRow>();
  private readonly vectorCache = new Map<string, Float32Array | null>();
  private pairs = 0;
  // Weak: a passage evicted from the passage cache takes its matches with it.
  private byPassage = new WeakMap<readonly string[], Map<string, ReadonlyMap<string, number>>>();
  private remembered = 0;

  constructor(private readonly vectors?: WordVectors) {}

  /**
   * For each question term, the passage words that match it and how strongly (only those above 0).
   * Passages come from the passage cache, so their vocabulary array identifies them: the matches of a
   * term met again in the same passage are looked up, not recomputed.
   */
  matchAll(terms: readonly string[], vocabulary: readonly string[]): ReadonlyMap<string, number>[] {
    if (this.remembered + terms.length > MATCHES_LIMIT) {
      this.byPassage = new WeakMap();
      this.remembered = 0;
    }
    let known = this.byPassage.get(vocabulary);
    if (!known) this.byPassage.set(vocabulary, (known = new Map()));
    return terms.map((q) => {
      let matches = known.get(q);
      if (!matches) {
        matches = this.match(q, vocabulary);
        known.set(q, matches);
        this.remembered++;
      }
      return matches;
    });
  }

  private match(q: string, vocabulary: readonly string[]): ReadonlyMap<string, number> {
    const row = this.rowOf(q);
    const matches = new Map<string, number>();
    for (const word of vocabulary) {
      let strength = row.strength.get(word);
      if (strength === undefined) {
        strength = this.judge(q, row, word);
        row.strength.set(word, strength);
        this.pairs++;
      }
      if (strength > 0) matches.set(word, strength);
    }
    return matches.size > 0 ? matches : NO_MATCHES;
  }

  private judge(q: string, row: TermRow, word: string): number {
    if (q === word) return 1;
    if (sameStem(q, word)) return STEM_MATCH;
    const v = row.vector && this.vectorOf(word);
    if (!v) return 0;
    const cos = dot(row.vector!, v);
    return SOFT_MAX * Math.min(1, Math.max(0, (cos - SOFT_FLOOR) / (SOFT_CEILING - SOFT_FLOOR)));
  }

  private rowOf(q: string): TermRow {
    if (this.pairs > PAIR_LIMIT) {
      this.rows.clear();
      this.pairs = 0;
    }
    let row = this.rows.get(q);
    if (!row) {
      row = { vector: this.vectorOf(q), strength: new Map() };
      remember(this.rows, q, row);
    }
    return row;
  }

  /** Figures have no useful neighbours ("2014" is not "2015"); unknown words have none at all. */
  private vectorOf(word: string): Float32Array | null {
    let v = this.vectorCache.get(word);
    if (v === undefined) {
      v = !this.vectors || /\d/u.test(word) ? null : (this.vectors.wordVector(word) ?? null);
      remember(this.vectorCache, word, v);
    }
    return v;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}
