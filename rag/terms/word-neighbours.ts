import type { TermNeighbourSearch } from "../../ingest/index.js";
import { StemBuckets, type Vocabulary } from "./stem-buckets.js";
import type { TermMatcher } from "./term-matcher.js";

export interface Neighbour {
  /** Index of the word in the vocabulary. */
  id: number;
  /** Match strength in (0, 1] (TermMatcher.strength): 1 for the word itself, less for another form or a neighbour by cosine. */
  strength: number;
}

export interface NeighbourOptions {
  /** Most neighbours kept per word: the long tail of weak ones costs time and adds noise. */
  maxNeighbours: number;
  /** How many words keep their neighbours cached. */
  cacheSize: number;
}

/** The vocabulary with its word lookup, as BM25's postings provide it. */
export interface IndexedVocabulary extends Vocabulary {
  id(term: string): number | undefined;
}

// Extra nearest terms asked of the graph beyond maxNeighbours, so that an approximate search still returns
// every term of the true closest maxNeighbours.
const SEARCH_SLACK = 16;

/**
 * The words of a fixed vocabulary that match a given word: itself, its other forms (sameStem) and its close
 * word vectors, each scored by the term matcher the answerer also uses. Candidates come from prepared structures
 * (stem buckets, a nearest-neighbour graph over the vocabulary's vectors), never a scan of the vocabulary: a new
 * word costs well under a millisecond at any vocabulary size. Results are cached, least recently used evicted.
 */
export class WordNeighbours {
  private readonly cache = new Map<string, Neighbour[]>();
  private readonly stems: StemBuckets;

  constructor(
    private readonly matcher: TermMatcher,
    private readonly vocabulary: IndexedVocabulary,
    private readonly search: TermNeighbourSearch | undefined,
    private readonly opts: NeighbourOptions,
  ) {
    this.stems = new StemBuckets(vocabulary);
  }

  /** The vocabulary words matching `word`, strongest first. */
  of(word: string): Neighbour[] {
    const cached = this.cache.get(word);
    if (cached) {
      this.cache.delete(word);
      this.cache.set(word, cached);
      return cached;
    }
    const found = this.find(word);
    if (this.cache.size >= this.opts.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(word, found);
    return found;
  }

  private find(word: string): Neighbour[] {
    const v = this.matcher.vector(word);
    const { maxNeighbours } = this.opts;
    // Candidates with their cosine when the graph gave it; the matcher computes the other forms' cosines.
    const candidates = new Map<number, number | undefined>(this.stems.forms(word).map((id) => [id, undefined]));
    const self = this.vocabulary.id(word);
    if (self !== undefined) candidates.set(self, undefined);
    if (v && this.search) for (const n of this.search.nearest(v, maxNeighbours + SEARCH_SLACK)) candidates.set(n.id, n.cosine);
    const out: Neighbour[] = [];
    for (const [id, cosine] of candidates) {
      const strength = this.matcher.strength(word, this.vocabulary.term(id), cosine);
      if (strength > 0) out.push({ id, strength });
    }
    return out.sort((a, b) => b.strength - a.strength || a.id - b.id).slice(0, maxNeighbours);
  }
}
