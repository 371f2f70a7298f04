import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Chunk } from "../../core/types.js";
import type { ChunkStore } from "./chunk-store.js";

export const CONTRACT_DIM = 16;

/** Five passages from three sources; "quokka" appears once, "glacier" in several. */
export const CONTRACT_CHUNKS: readonly Chunk[] = [
  chunk("alps.md", 0, "Alpine glaciers", "The Aletsch glacier is the largest glacier in the Alps and keeps retreating."),
  chunk("alps.md", 1, "Alpine glaciers", "Meltwater from the Rhone glacier feeds Lake Geneva through the summer."),
  chunk("fauna.txt", 0, "Island fauna", "A quokka lives on Rottnest Island; the glacier of the south is far away."),
  chunk("fauna.txt", 1, "Island fauna", "Seabirds nest on the island cliffs every spring."),
  chunk("rail.html", 0, "Night trains", "The sleeper train leaves Vienna at nine in the evening."),
];

/** Deterministic, well spread unit vectors (a seeded generator, so failures reproduce). */
export function contractVectors(n: number, dim = CONTRACT_DIM, seed = 7): number[][] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: dim }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

export interface ContractSubject {
  /** An empty store for vectors of CONTRACT_DIM. */
  create(): Promise<ChunkStore>;
  /** Opens what `save(dir)` wrote. */
  open(dir: string): Promise<ChunkStore>;
  /** Releases a store (threads, handles) after the suite. */
  close?(store: ChunkStore): Promise<void>;
}

/** What every ChunkStore must do (after Hono's shared router suite); run by each implementation's test. */
export function runChunkStoreContract(name: string, subject: ContractSubject): void {
  describe(`${name} · ChunkStore contract`, () => {
    const vectors = contractVectors(CONTRACT_CHUNKS.length);
    const made: ChunkStore[] = [];
    const track = (s: ChunkStore) => (made.push(s), s);
    const subjectTracked = { create: async () => track(await subject.create()), open: async (dir: string) => track(await subject.open(dir)) };
    let store: ChunkStore;
    let tmp: string;
    before(async () => {
      tmp = await mkdtemp(path.join(tmpdir(), "citebot-store-contract-"));
      store = await subjectTracked.create();
      await store.put([...CONTRACT_CHUNKS], vectors);
    });
    after(async () => {
      await Promise.all(made.map((s) => subject.close?.(s)));
      await rm(tmp, { recursive: true, force: true });
    });

    test(`${name} · empty store · size 0 and both searches return nothing`, async () => {
      const empty = await subjectTracked.create();
      assert.equal(empty.size, 0);
      assert.deepEqual(await empty.dense(vectors[0]!, 3), []);
      assert.deepEqual(await empty.lexical("glacier", 3), []);
    });

    test(`${name} · after put · chunks() lists them in order and size counts them`, () => {
      assert.equal(store.size, CONTRACT_CHUNKS.length);
      assert.deepEqual(store.chunks(), CONTRACT_CHUNKS);
    });

    test(`${name} · termIndex · postings point at the chunks holding a word, positions follow chunks()`, () => {
      const terms = store.termIndex();
      assert.equal(terms.size, CONTRACT_CHUNKS.length);
      const glacier = terms.id("glacier")!;
      const holding = [...terms.postings(glacier)].map((p) => terms.chunkAt(p).id);
      assert.deepEqual(
        holding,
        CONTRACT_CHUNKS.filter((c) => /glacier/u.test(c.text)).map((c) => c.id),
      );
      assert.equal(terms.df(glacier), holding.length);
      assert.ok(CONTRACT_CHUNKS.every((c, i) => terms.positionOf(c.id) === i));
      assert.ok(terms.termsAt(2).includes(terms.id("quokka")!));
      // alps.md's two chunks are one document, the others two more.
      assert.equal(terms.docCount, 3);
      assert.deepEqual([...terms.docPositions(terms.docOf[0]!)], [0, 1]);
    });

    test(`${name} · dense with a stored vector · that chunk first with score ~1, then descending`, async () => {
      for (let i = 0; i < CONTRACT_CHUNKS.length; i++) {
        const hits = await store.dense(vectors[i]!, 3);
        assert.equal(hits[0]?.chunk.id, CONTRACT_CHUNKS[i]!.id);
        assert.ok(Math.abs(hits[0]!.score - 1) < 1e-5, `score ${hits[0]!.score}`);
        assert.ok(hits.every((h, j) => h.via === "dense" && (j === 0 || h.score <= hits[j - 1]!.score)));
      }
    });

    test(`${name} · k above the number of chunks · returns every chunk once`, async () => {
      const hits = await store.dense(vectors[0]!, 50);
      assert.equal(hits.length, CONTRACT_CHUNKS.length);
      assert.equal(new Set(hits.map((h) => h.chunk.id)).size, CONTRACT_CHUNKS.length);
    });

    test(`${name} · lexical with a rare term · the chunk holding it ranks first`, async () => {
      const hits = await store.lexical("quokka glacier", 5);
      assert.equal(hits[0]?.chunk.id, "fauna.txt#0");
      assert.ok(hits.every((h, j) => h.via === "lexical" && h.score > 0 && (j === 0 || h.score <= hits[j - 1]!.score)));
      assert.deepEqual(new Set(hits.map((h) => h.chunk.id)), new Set(["fauna.txt#0", "alps.md#0", "alps.md#1"]));
    });

    test(`${name} · lexical with unknown words only · returns nothing`, async () => {
      assert.deepEqual(await store.lexical("zxqvbnm", 5), []);
    });

    test(`${name} · put with mismatched lengths · rejects and stores nothing`, async () => {
      const s = await subjectTracked.create();
      await assert.rejects(s.put([...CONTRACT_CHUNKS], vectors.slice(1)));
      assert.equal(s.size, 0);
    });

    test(`${name} · removeSource · its chunks leave dense, lexical and chunks()`, async () => {
      const s = await subjectTracked.create();
      await s.put([...CONTRACT_CHUNKS], vectors);
      await s.removeSource("fauna.txt");
      assert.equal(s.size, 3);
      assert.ok(s.chunks().every((c) => c.source !== "fauna.txt"));
      assert.deepEqual(await s.lexical("quokka", 5), []);
      const dense = await s.dense(vectors[2]!, 5);
      assert.equal(dense.length, 3);
      assert.ok(dense.every((h) => h.chunk.source !== "fauna.txt"));
    });

    test(`${name} · put of an existing chunk id · replaces the chunk`, async () => {
      const s = await subjectTracked.create();
      await s.put([...CONTRACT_CHUNKS], vectors);
      const edited = { ...CONTRACT_CHUNKS[4]!, text: "The sleeper train now leaves Vienna at ten." };
      await s.put([edited], [vectors[4]!]);
      assert.equal(s.size, CONTRACT_CHUNKS.length);
      assert.deepEqual(
        (await s.lexical("ten", 5)).map((h) => h.chunk),
        [edited],
      );
      assert.deepEqual((await s.dense(vectors[4]!, 1))[0]?.chunk, edited);
    });

    test(`${name} · save then open · same chunks and same search results`, async () => {
      const dir = path.join(tmp, "saved");
      await store.save(dir);
      const reopened = await subjectTracked.open(dir);
      assert.deepEqual(reopened.chunks(), store.chunks());
      assert.deepEqual(await reopened.lexical("glacier island", 5), await store.lexical("glacier island", 5));
      const ids = async (s: ChunkStore) => (await s.dense(vectors[1]!, 5)).map((h) => h.chunk.id);
      assert.deepEqual(await ids(reopened), await ids(store));
    });
  });
}

function chunk(source: string, ordinal: number, title: string, text: string): Chunk {
  return { id: `${source}#${ordinal}`, source, title, page: null, date: null, start: ordinal * 100, end: ordinal * 100 + text.length, text };
}
