import { readFile, writeFile } from "node:fs/promises";
import type { WordVectors } from "../embed/embedder.js";
import type { PostingLists } from "./bm25.js";
import { HnswIndex, type HnswParams } from "./hnsw-index.js";
import type { TermNeighbourSearch } from "./term-index.js";

/**
 * Graph settings for the vocabulary: a question word's closest terms must come back nearly exactly (they decide
 * which passages "talks" matches for "negotiations"), so the build is more careful than the chunk graph's.
 */
export const TERM_GRAPH_PARAMS: Readonly<HnswParams> = { m: 16, efConstruction: 100, efSearch: 128 };

/** The members file beside the graph: which terms share each node's vector (CSR). */
interface Members {
  dim: number;
  terms: number;
  offsets: number[];
  ids: number[];
}

/**
 * An HNSW graph over the word vectors of the index's vocabulary: a question word's closest corpus words in well
 * under a millisecond at any vocabulary size, where a scan of a 200k-word vocabulary took 0.4 s. Terms with the
 * same vector share one node (the word-vector package gives many rare words one vector, and copies of a point
 * wreck an HNSW graph's speed and recall); a search returns every term of the nodes it finds. Figures and words
 * without a vector are left out (they match only themselves and their other forms). Built when the index is
 * written and stored beside it (terms.hnsw + terms.json).
 */
export class TermGraph implements TermNeighbourSearch {
  private constructor(
    private readonly graph: HnswIndex | null,
    private readonly members: Members,
  ) {}

  /** A graph over `terms` (term id = position); `keep` leaves out terms no chunk uses any more. */
  /** The graph over a BM25 vocabulary's live terms (df > 0), numbered by their term ids. */
  static forPostings(lists: PostingLists, vectors: WordVectors): TermGraph {
    const terms = Array.from({ length: lists.termCount }, (_, id) => lists.term(id));
    return TermGraph.build(terms, vectors, (id) => lists.df(id) > 0);
  }

  static build(terms: readonly string[], vectors: WordVectors, keep: (id: number) => boolean = () => true): TermGraph {
    const nodes = new Map<string, number[]>();
    const rows: Float32Array[] = [];
    terms.forEach((term, id) => {
      const v = /\d/u.test(term) || !keep(id) ? undefined : vectors.wordVector(term);
      if (!v || v.length !== (rows[0]?.length ?? v.length)) return;
      const key = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("latin1");
      const node = nodes.get(key);
      if (node) node.push(id);
      else (nodes.set(key, [id]), rows.push(v));
    });
    const groups = [...nodes.values()];
    const offsets = [0];
    for (const g of groups) offsets.push(offsets.at(-1)! + g.length);
    const members = { dim: rows[0]?.length ?? 0, terms: terms.length, offsets, ids: groups.flat() };
    if (rows.length === 0) return new TermGraph(null, members);
    const graph = HnswIndex.create(members.dim, TERM_GRAPH_PARAMS, rows.length, "ip");
    graph.addAll(
      rows.map((_, i) => i),
      rows,
    );
    return new TermGraph(graph, members);
  }

  /** Reads what `write` wrote; rejects a graph built over another number of terms. */
  static async read(graphFile: string, membersFile: string, terms: number): Promise<TermGraph> {
    const members = JSON.parse(await readFile(membersFile, "utf8")) as Members;
    if (members.terms !== terms) throw new Error(`${membersFile} describes ${members.terms} terms, the index has ${terms}`);
    return new TermGraph(await HnswIndex.read(graphFile, members.dim, TERM_GRAPH_PARAMS, "ip"), members);
  }

  /** Dimension of the word vectors (0 when no term had one: then there is nothing to write). */
  get dim(): number {
    return this.graph ? this.members.dim : 0;
  }

  /** The terms of the k nodes closest to `vector` with their cosine (more than k terms when terms share a vector). */
  nearest(vector: Float32Array, k: number): { id: number; cosine: number }[] {
    if (!this.graph) return [];
    const { offsets, ids } = this.members;
    // Inner-product space: distance = 1 − cosine for the unit vectors stored.
    return this.graph
      .search(vector, Math.min(k, this.graph.count))
      .flatMap(({ label, distance }) => ids.slice(offsets[label]!, offsets[label + 1]!).map((id) => ({ id, cosine: 1 - distance })));
  }

  async write(graphFile: string, membersFile: string): Promise<void> {
    if (!this.graph) return;
    await this.graph.write(graphFile);
    await writeFile(membersFile, JSON.stringify(this.members));
  }
}
