import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { CONTRACT_CHUNKS, CONTRACT_DIM, contractVectors, runChunkStoreContract } from "./chunk-store.contract.js";
import { HnswBm25Store } from "./hnsw-bm25-store.js";
import type { Chunk } from "../../core/types.js";
import { FakeEmbedder } from "../embed/fake.js";

const EMBEDDER = { id: "test/contract", dim: CONTRACT_DIM };

runChunkStoreContract("HnswBm25Store", {
  create: async () => HnswBm25Store.create(EMBEDDER),
  open: (dir) => HnswBm25Store.open(dir, EMBEDDER),
});

runChunkStoreContract("HnswBm25Store with the graph on a worker thread", {
  create: async () => HnswBm25Store.create(EMBEDDER, { hnswWorker: true }),
  open: (dir) => HnswBm25Store.open(dir, EMBEDDER, { hnswWorker: true }),
  close: (store) => (store as HnswBm25Store).close(),
});

describe("HnswBm25Store", () => {
  let tmp: string;
  let saved: string;
  const vectors = contractVectors(CONTRACT_CHUNKS.length);
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "citebot-store-"));
    saved = path.join(tmp, "index");
    const store = HnswBm25Store.create(EMBEDDER);
    await store.put([...CONTRACT_CHUNKS], vectors);
    store.recordFile("alps.md", { hash: "a1", bytes: 120 });
    await store.save(saved);
  });
  after(() => rm(tmp, { recursive: true, force: true }));

  test("open · index built with dim 16, embedder of dim 32 · INDEX_MISMATCH naming both and --rebuild", async () => {
    await assert.rejects(HnswBm25Store.open(saved, { id: "other/model", dim: 32 }), (err: Error & { code?: string }) => {
      assert.equal(err.code, "INDEX_MISMATCH");
      assert.match(err.message, /built with test\/contract \(dim 16\) but the configured embedder is other\/model \(dim 32\)/);
      assert.match(err.message, /npm run ingest -- --rebuild/);
      return true;
    });
  });

  test("open · same dim, another embedder id · INDEX_MISMATCH", async () => {
    await assert.rejects(HnswBm25Store.open(saved, { id: "other/model", dim: 16 }), { code: "INDEX_MISMATCH" });
  });

  test("open · folder without an index · INDEX_NOT_READY", async () => {
    await assert.rejects(HnswBm25Store.open(path.join(tmp, "missing"), EMBEDDER), { code: "INDEX_NOT_READY" });
  });

  test("open · truncated vectors file · INDEX_MISMATCH telling to re-ingest", async () => {
    const dir = path.join(tmp, "damaged");
    const store = HnswBm25Store.create(EMBEDDER);
    await store.put([...CONTRACT_CHUNKS], vectors);
    await store.save(dir);
    await writeFile(path.join(dir, "vectors.f32"), new Uint8Array(10));
    await assert.rejects(HnswBm25Store.open(dir, EMBEDDER), { code: "INDEX_MISMATCH", message: /damaged.*--rebuild/ });
  });

  test("open · garbage hnsw.bin, graph on a worker · INDEX_MISMATCH, and the worker is released", async () => {
    const dir = path.join(tmp, "bad-graph");
    const store = HnswBm25Store.create(EMBEDDER);
    await store.put([...CONTRACT_CHUNKS], vectors);
    await store.save(dir);
    await writeFile(path.join(dir, "hnsw.bin"), "not a graph");
    for (const hnswWorker of [false, true]) {
      await assert.rejects(HnswBm25Store.open(dir, EMBEDDER, { hnswWorker }), { code: "INDEX_MISMATCH", message: /hnsw\.bin/ });
    }
  });

  test("manifest · after save and open · records embedder, files with chunk counts and totals", async () => {
    const m = (await HnswBm25Store.open(saved, EMBEDDER)).manifest();
    assert.deepEqual(m.embedder, EMBEDDER);
    const { indexedAt, ...record } = m.files["alps.md"]!;
    assert.deepEqual(Object.keys(m.files), ["alps.md"]);
    assert.deepEqual(record, { hash: "a1", bytes: 120, chunks: 2 });
    assert.ok(indexedAt && Date.parse(indexedAt) <= Date.parse(m.builtAt), "when the file was recorded, kept through save and open");
    assert.deepEqual(m.counts, { files: 3, chunks: 5 });
    assert.ok(Date.parse(m.builtAt) <= Date.now());
  });

  test("vector · stored chunk · returns its float32 vector; unknown id · undefined", async () => {
    const store = await HnswBm25Store.open(saved, EMBEDDER);
    const v = store.vector("alps.md#1");
    assert.ok(v instanceof Float32Array);
    assert.deepEqual([...v], [...Float32Array.from(vectors[1]!)]);
    assert.equal(store.vector("nope#0"), undefined);
  });

  test("dense · exact duplicate of a chunk's text vector among near neighbours · duplicate first", async () => {
    const store = HnswBm25Store.create(EMBEDDER);
    const base = vectors[0]!;
    const near = contractVectors(40, CONTRACT_DIM, 99).map((noise) => base.map((x, i) => x + 0.3 * noise[i]!));
    const chunks = near.map((_, i) => ({ ...CONTRACT_CHUNKS[0]!, id: `near.md#${i}`, source: "near.md" }));
    await store.put([...chunks, CONTRACT_CHUNKS[0]!], [...near, base]);
    const [first] = await store.dense(base, 5);
    assert.equal(first?.chunk.id, CONTRACT_CHUNKS[0]!.id);
  });

  test("dense · query is the exact text of a stored chunk (fake embedder) · that chunk comes first", async () => {
    const embedder = new FakeEmbedder({ dim: 32 });
    const store = HnswBm25Store.create(embedder);
    await store.put([...CONTRACT_CHUNKS], await embedder.embedDocuments(CONTRACT_CHUNKS.map((c) => c.text)));
    for (const chunk of CONTRACT_CHUNKS) {
      const [first] = await store.dense(await embedder.embedQuery(chunk.text), 3);
      assert.equal(first?.chunk.id, chunk.id);
      assert.ok(first.score > 0.999, `score ${first.score}`);
    }
  });

  test("open · index saved with includeTitle false, opened with true · BM25 rebuilt so titles match", async () => {
    const store = await HnswBm25Store.open(saved, EMBEDDER, { bm25: { includeTitle: true } });
    const hits = await store.lexical("alpine", 5);
    assert.deepEqual(
      hits.map((h) => h.chunk.source),
      ["alps.md", "alps.md"],
    );
    const plain = await HnswBm25Store.open(saved, EMBEDDER);
    assert.deepEqual(await plain.lexical("alpine", 5), []);
  });

  test("save after removing the newest chunks, open, put, remove · labels never collide with deleted graph nodes", async () => {
    for (const hnswWorker of [false, true]) {
      const dir = path.join(tmp, `labels-${hnswWorker}`);
      const store = HnswBm25Store.create(EMBEDDER);
      await store.put([...CONTRACT_CHUNKS], vectors);
      await store.removeSource("rail.html");
      await store.removeSource("fauna.txt");
      await store.save(dir);
      const reopened = await HnswBm25Store.open(dir, EMBEDDER, { hnswWorker });
      const extra = contractVectors(3, CONTRACT_DIM, 55);
      await reopened.put(
        [0, 1, 2].map((i) => ({ ...CONTRACT_CHUNKS[4]!, id: `new#${i}`, source: "new" })),
        extra,
      );
      for (let i = 0; i < 3; i++) assert.equal((await reopened.dense(extra[i]!, 1))[0]?.chunk.id, `new#${i}`);
      await reopened.removeSource("new");
      assert.deepEqual((await reopened.dense(vectors[0]!, 5)).map((h) => h.chunk.id).sort(), ["alps.md#0", "alps.md#1"]);
      await reopened.close();
    }
  });

  test("removeSource then put · labels reused in HNSW · search stays exact on the survivors", async () => {
    const store = HnswBm25Store.create(EMBEDDER);
    const many = contractVectors(300, CONTRACT_DIM, 5);
    const chunks: Chunk[] = many.map((_, i) => ({ ...CONTRACT_CHUNKS[0]!, id: `f${i % 10}#${i}`, source: `f${i % 10}` }));
    await store.put(chunks, many);
    for (let round = 0; round < 3; round++) {
      await store.removeSource("f3");
      const again = chunks.filter((c) => c.source === "f3");
      await store.put(
        again,
        again.map((c) => many[chunks.indexOf(c)]!),
      );
    }
    assert.equal(store.size, 300);
    for (const i of [3, 13, 150]) assert.equal((await store.dense(many[i]!, 1))[0]?.chunk.id, chunks[i]!.id);
  });
});

describe("HnswBm25Store · vocabulary graph", () => {
  // Word vectors: "glacier" and "ice" close, the rest spread; the store takes them from an embedder that has them.
  const space: Record<string, number[]> = { glacier: [1, 0, 0], ice: [0.95, 0.31, 0], island: [0, 1, 0], train: [0, 0, 1] };
  const embedder = { ...EMBEDDER, wordVector: (w: string) => (space[w] ? Float32Array.from(space[w]) : undefined), wordWeight: () => 1 };
  const chunks: Chunk[] = [
    { ...CONTRACT_CHUNKS[0]!, text: "glacier island" },
    { ...CONTRACT_CHUNKS[2]!, text: "ice train" },
  ];

  test("save then open · the graph is stored with the index and finds a word's close corpus words", async () => {
    const tmp = await mkdtemp(path.join(tmpdir(), "citebot-terms-"));
    try {
      const store = HnswBm25Store.create(embedder);
      await store.put(chunks, contractVectors(2));
      await store.save(tmp);
      const opened = await HnswBm25Store.open(tmp, embedder);
      const terms = opened.termIndex();
      const near = terms.neighbours!.nearest(Float32Array.from([0.9, 0.4, 0]), 2).map((n) => terms.term(n.id));
      assert.deepEqual(near, ["ice", "glacier"]);
      assert.ok((await readdir(tmp)).includes("terms.hnsw"));
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  test("termIndex after a change · graph rebuilt without the removed source's words", async () => {
    const store = HnswBm25Store.create(embedder);
    await store.put(chunks, contractVectors(2));
    assert.equal(store.termIndex().neighbours!.nearest(Float32Array.from([0, 0, 1]), 1).length, 1);
    await store.removeSource(chunks[1]!.source);
    const terms = store.termIndex();
    const all = terms.neighbours!.nearest(Float32Array.from([0, 0, 1]), 4).map((n) => terms.term(n.id));
    assert.deepEqual(all.sort(), ["glacier", "island"]);
  });
});
