import { tokenize } from "../text/tokenize.js";
import type { Embedder } from "./embedder.js";
import { normalizeInPlace } from "./vector.js";
import { fnv1a } from "./word-index.js";

/**
 * A deterministic, dependency-free embedder for fast tests of stores, retrievers and servers:
 * a signed hashed bag of words (feature hashing), normalized. Texts sharing words score higher,
 * which is enough to make ranking tests meaningful; it knows nothing about synonyms.
 */
export class FakeEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;

  constructor({ dim = 16, id = `fake/hashed-bow-${dim}` }: { dim?: number; id?: string } = {}) {
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`FakeEmbedder dim must be a positive integer, got ${dim}`);
    this.dim = dim;
    this.id = id;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  private embed(text: string): number[] {
    const v = new Array<number>(this.dim).fill(0);
    for (const token of tokenize(text)) {
      const h = fnv1a(token);
      // The top bit picks the sign so that collisions tend to cancel rather than pile up.
      v[h % this.dim]! += h & 0x80000000 ? -1 : 1;
    }
    return normalizeInPlace(v);
  }
}
