import { dot, type WordVectors } from "../../ingest/index.js";
import { sameStem } from "./same-stem.js";

/**
 * The one definition of how well a question term is matched by a word, shared by retrieval (word matching over
 * the candidates) and answering (sentence scoring, abstention): 1 for the same word, a little less for the same
 * stem ("negotiations"/"negotiating"; the tokenizer does not stem), and a soft credit for a near-synonym by word
 * vectors ("troops"/"soldiers"). Soft credit stays below a stem match so that exact evidence always wins.
 */
export const STEM_MATCH = 0.85;

export interface TermMatchOptions {
  /** Cosine at or below which a word is no near-synonym (GloVe neighbours below ~0.5 are noise). */
  floor?: number;
  /** Cosine from which the soft credit is at its most. */
  ceiling?: number;
  /** The most a near-synonym earns: below STEM_MATCH. */
  softMax?: number;
  /** Strength of another form of the same word; 0 turns stem matching off. */
  stemStrength?: number;
}

const CACHE_LIMIT = 20_000;
/** Word pairs judged before the strength cache starts over (a few tens of MB at most). */
const PAIR_LIMIT = 1_000_000;
/** (passage, term) matches remembered before that memory starts over: small maps, most of them the shared empty one. */
const MATCHES_LIMIT = 100_000;
/** What most terms find in most passages: shared, so that remembering it costs nothing. */
const NO_MATCHES: ReadonlyMap<string, number> = new Map();

/** Match strength per passage word met so far (0 included), so each pair is judged once. */
type TermRow = Map<string, number>;

export class TermMatcher {
  private readonly floor: number;
  private readonly ceiling: number;
  private readonly softMax: number;
  private readonly stemStrength: number;
  // Strengths and word vectors are pure functions of the words: cached across questions (bounded).
  private readonly rows = new Map<string, TermRow>();
  private readonly vectorCache = new Map<string, Float32Array | null>();
  private pairs = 0;
  // Weak: a passage evicted from the passage cache takes its matches with it.
  private byPassage = new WeakMap<readonly string[], Map<string, ReadonlyMap<string, number>>>();
  private remembered = 0;

  constructor(
    private readonly vectors?: WordVectors,
    { floor = 0.5, ceiling = 0.9, softMax = 0.7, stemStrength = STEM_MATCH }: TermMatchOptions = {},
  ) {
    if (!(floor >= 0 && floor < ceiling && ceiling <= 1)) throw new RangeError(`term match needs 0 <= floor < ceiling <= 1, got ${floor} and ${ceiling}`);
    this.floor = floor;
    this.ceiling = ceiling;
    this.softMax = softMax;
    this.stemStrength = stemStrength;
  }

  /**
   * How well `word` matches question term `term`, in [0, 1]. `cosine`, when the caller already has it (a
   * nearest-neighbour search over the vocabulary), saves computing it from the two words' vectors.
   */
  strength(term: string, word: string, cosine?: number): number {
    if (term === word) return 1;
    if (this.stemStrength > 0 && sameStem(term, word)) return this.stemStrength;
    const cos = cosine ?? this.cosine(term, word);
    if (cos === undefined) return 0;
    return this.softMax * Math.min(1, Math.max(0, (cos - this.floor) / (this.ceiling - this.floor)));
  }

  /** The unit word vector soft matching uses; null for a figure ("2014" is not "2015") or a word without one. */
  vector(word: string): Float32Array | null {
    let v = this.vectorCache.get(word);
    if (v === undefined) {
      v = !this.vectors || /\d/u.test(word) ? null : (this.vectors.wordVector(word) ?? null);
      remember(this.vectorCache, word, v);
    }
    return v;
  }

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
      let strength = row.get(word);
      if (strength === undefined) {
        strength = this.strength(q, word);
        row.set(word, strength);
        this.pairs++;
      }
      if (strength > 0) matches.set(word, strength);
    }
    return matches.size > 0 ? matches : NO_MATCHES;
  }

  private cosine(a: string, b: string): number | undefined {
    const va = this.vector(a);
    const vb = va && this.vector(b);
    return vb && vb.length === va.length ? dot(va, vb) : undefined;
  }

  private rowOf(q: string): TermRow {
    if (this.pairs > PAIR_LIMIT) {
      this.rows.clear();
      this.pairs = 0;
    }
    let row = this.rows.get(q);
    if (!row) remember(this.rows, q, (row = new Map()));
    return row;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}
