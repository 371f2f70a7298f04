/**
 * A vocabulary looked up through its terms in sorted order (a permutation of the term ids): a term's id by binary
 * search and every term starting with a prefix as one contiguous run, with no Map of the whole vocabulary to
 * build. BM25 writes the order with its snapshot, so an index opens without sorting or hashing 400k terms.
 */
export class SortedTerms {
  constructor(
    private readonly terms: readonly string[],
    private readonly order: Uint32Array,
  ) {}

  /** The order of `terms` by UTF-16 code units (the order `<` compares strings in). */
  static orderOf(terms: readonly string[]): Uint32Array {
    return Uint32Array.from(terms.keys()).sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
  }

  id(term: string): number | undefined {
    const i = this.lowerBound(term);
    const id = this.order[i];
    return id !== undefined && this.terms[id] === term ? id : undefined;
  }

  /** Ids of the terms that start with `prefix`, in sorted order of the terms. */
  withPrefix(prefix: string): Uint32Array {
    const from = this.lowerBound(prefix);
    let to = from;
    while (to < this.order.length && this.terms[this.order[to]!]!.startsWith(prefix)) to++;
    return this.order.subarray(from, to);
  }

  /** The first position in sorted order whose term is not below `term`. */
  private lowerBound(term: string): number {
    let [lo, hi] = [0, this.order.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[this.order[mid]!]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
