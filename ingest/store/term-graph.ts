import type { WordVectors } from "../embed/embedder.js";
import { HnswIndex, type HnswParams } from "./hnsw-index.js";
import type { TermNeighbourSearch } from "./term-index.js";

/**
 * Graph settings for the vocabulary: word vectors cluster less than chunk vectors, and a question word's
 * closest 48 terms must come back nearly exactly (they decide which passages "talks" matches for
 * "negotiations"), so the build is more careful than the chunk graph's and the search list longer.
 */
export const TERM_GRAPH_PARAMS: Readonly<HnswParams> = { m: 16, efConstruction: 100, efSearch: 400 };

/**
 * An HNSW graph over the word vectors of the index's vocabulary, labelled by BM25 term id: a question word's
 * closest corpus words in well under a millisecond at any vocabulary size, where a scan of a 200k-word
 * vocabulary took 0.4 s. Figures and words without a vector are left out (they match only themselves and
 * their other forms). Built when the index is written and stored beside it (terms.hnsw).
 */
export class TermGraph implements TermNeighbourSearch {
  private constructor(private readonly graph: HnswIndex | null) {}

  /** Dimension of the word vectors (0 when no term had one). */
  get dim(): number {
    return this.graph?.dim ?? 0;
  }

  /** A graph over `terms` (labelled by position); `keep` leaves out terms no chunk uses any more. */
  static build(terms: readonly string[], vectors: WordVectors, keep: (id: number) => boolean = () => true): TermGraph {
    const labels: number[] = [];
    const rows: Float32Array[] = [];
    terms.forEach((term, id) => {
      const v = /\d/u.test(term) || !keep(id) ? undefined : vectors.wordVector(term);
      if (v && v.length === (rows[0]?.length ?? v.length)) labels.push(id), rows.push(v);
    });
    if (labels.length === 0) return new TermGraph(null);
    const graph = HnswIndex.create(rows[0]!.length, TERM_GRAPH_PARAMS, labels.length);
    graph.addAll(labels, rows);
    return new TermGraph(graph);
  }

  static async read(file: string, dim: number): Promise<TermGraph> {
    return new TermGraph(await HnswIndex.read(file, dim, TERM_GRAPH_PARAMS));
  }

  nearest(vector: Float32Array, k: number): number[] {
    if (!this.graph) return [];
    return this.graph.search(vector, Math.min(k, this.graph.count)).map((n) => n.label);
  }

  async write(file: string): Promise<void> {
    await this.graph?.write(file);
  }
}
