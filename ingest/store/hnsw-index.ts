import hnswlib from "hnswlib-node";

// hnswlib-node is CommonJS: named ESM imports do not resolve.
const { HierarchicalNSW } = hnswlib;
type Native = InstanceType<typeof HierarchicalNSW>;
/** "ip" (inner product) suits vectors that are already unit length: no copy normalised per call. */
type Space = "cosine" | "ip";

/**
 * Graph parameters. `efSearch` is the candidate list size at query time (hnswlib's default, 10,
 * misses true neighbours); the default below was set from recall measured against exact search
 * (see ingest/store/README.md for the numbers).
 */
export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export const DEFAULT_HNSW_PARAMS: Readonly<HnswParams> = { m: 16, efConstruction: 32, efSearch: 400 };

const INITIAL_CAPACITY = 1024;
// Fixed seed: the same chunks build the same graph, so results are reproducible run to run.
const RANDOM_SEED = 100;

export interface Neighbor {
  label: number;
  /** Cosine distance, 1 - cosine similarity. */
  distance: number;
}

/** What the store needs of an HNSW graph, whether it lives on this thread (HnswIndex) or in a worker. */
export interface HnswGraph {
  readonly params: Readonly<HnswParams>;
  addAll(labels: readonly number[], vectors: readonly Float32Array[]): void;
  /** The largest label the graph has ever held, deleted ones included; -1 when empty. */
  maxLabel(): number | Promise<number>;
  remove(label: number): void;
  search(vector: ArrayLike<number>, k: number, ef?: number): Neighbor[] | Promise<Neighbor[]>;
  write(file: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A cosine-space HNSW graph over labelled vectors. Removed labels are marked deleted and their
 * slots reused by later additions (allowReplaceDeleted), so re-ingesting changed files does not
 * grow the graph with dead nodes.
 */
export class HnswIndex implements HnswGraph {
  readonly dim: number;
  readonly params: Readonly<HnswParams>;
  private readonly native: Native;

  private constructor(native: Native, dim: number, params: HnswParams) {
    this.native = native;
    this.dim = dim;
    this.params = params;
    native.setEf(params.efSearch);
  }

  static create(dim: number, params: Partial<HnswParams> = {}, capacity = INITIAL_CAPACITY, space: Space = "cosine"): HnswIndex {
    const p = { ...DEFAULT_HNSW_PARAMS, ...params };
    const native = new HierarchicalNSW(space, dim);
    native.initIndex({
      maxElements: Math.max(capacity, 1),
      m: p.m,
      efConstruction: p.efConstruction,
      randomSeed: RANDOM_SEED,
      allowReplaceDeleted: true,
    });
    return new HnswIndex(native, dim, p);
  }

  /** Reads a graph written by `write`; M and efConstruction come from the file, efSearch from `params`. */
  static async read(file: string, dim: number, params: HnswParams, space: Space = "cosine"): Promise<HnswIndex> {
    const native = new HierarchicalNSW(space, dim);
    await native.readIndex(file, true);
    return new HnswIndex(native, dim, params);
  }

  add(label: number, vector: ArrayLike<number>): void {
    if (this.native.getCurrentCount() >= this.native.getMaxElements()) {
      this.native.resizeIndex(this.native.getMaxElements() * 2);
    }
    this.native.addPoint(Array.from(vector), label, true);
  }

  addAll(labels: readonly number[], vectors: readonly Float32Array[]): void {
    labels.forEach((label, i) => this.add(label, vectors[i]!));
  }

  /** Vectors in the graph, deleted ones included (hnswlib does not count those apart). */
  get count(): number {
    return this.native.getCurrentCount();
  }

  maxLabel(): number {
    let max = -1;
    for (const label of this.native.getIdsList()) if (label > max) max = label;
    return max;
  }

  remove(label: number): void {
    this.native.markDelete(label);
  }

  /**
   * The k nearest live labels, nearest first. k must not exceed the number of live vectors.
   * `ef` (candidate list size, at least k) defaults to params.efSearch.
   */
  search(vector: ArrayLike<number>, k: number, ef = this.params.efSearch): Neighbor[] {
    if (k <= 0) return [];
    this.native.setEf(Math.max(ef, k));
    const { neighbors, distances } = this.native.searchKnn(Array.from(vector), k);
    return neighbors.map((label, i) => ({ label, distance: distances[i]! }));
  }

  async write(file: string): Promise<void> {
    await this.native.writeIndex(file);
  }

  /** Nothing to release: the native graph is freed with this object. */
  async close(): Promise<void> {}
}
