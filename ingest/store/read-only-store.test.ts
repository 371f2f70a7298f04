import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { ChunkReader } from "./chunk-store.js";
import { summariseSources } from "./chunk-store.js";
import { CONTRACT_CHUNKS, CONTRACT_DIM, contractVectors } from "./chunk-store.contract.js";
import { HnswBm25Store } from "./hnsw-bm25-store.js";
import { ReadOnlyStore } from "./read-only-store.js";

const EMBEDDER = { id: "contract/fake", dim: CONTRACT_DIM };
const QUERIES = ["glacier island", "quokka", "alpine glaciers", "sleeper train vienna", "zxqvbnm"];

describe("ReadOnlyStore", () => {
  const vectors = contractVectors(CONTRACT_CHUNKS.length);
  let dir: string;
  let written: HnswBm25Store;
  let reader: ReadOnlyStore;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-read-only-"));
    written = HnswBm25Store.create(EMBEDDER);
    await written.put([...CONTRACT_CHUNKS], vectors);
    // A replaced chunk moves to the end and leaves its label unused: rows and labels no longer agree.
    await written.put([{ ...CONTRACT_CHUNKS[0]!, text: "The Aletsch glacier keeps retreating, a quokka would say." }], [vectors[0]!]);
    written.recordFile("alps.md", { hash: "h1", bytes: 123 });
    await written.save(dir);
    reader = await ReadOnlyStore.open(dir, EMBEDDER);
  });
  after(async () => {
    await Promise.all([written.close(), reader.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  test("open · a saved store · same chunks, in the same order, with their vectors", () => {
    assert.equal(reader.size, written.size);
    assert.deepEqual(reader.chunks(), written.chunks());
    for (const c of written.chunks()) assert.deepEqual(reader.vector(c.id), written.vector(c.id));
    assert.equal(reader.vector("missing#0"), undefined);
  });

  test("dense and lexical · every query · the writer's hits, scores and order", async () => {
    for (const q of QUERIES) assert.deepEqual(await reader.lexical(q, 5), await written.lexical(q, 5), q);
    for (const v of vectors) assert.deepEqual(await reader.dense(v, 4), await written.dense(v, 4));
  });

  test("termIndex · positions, postings, documents and chunks · as the writer's", () => {
    const [a, b] = [reader.termIndex(), written.termIndex()];
    assert.equal(a.size, b.size);
    assert.deepEqual([...a.docOf], [...b.docOf]);
    for (let pos = 0; pos < a.size; pos++) {
      assert.deepEqual(a.chunkAt(pos), b.chunkAt(pos));
      assert.deepEqual([...a.termsAt(pos)].map(a.term), [...b.termsAt(pos)].map(b.term));
      assert.equal(a.positionOf(a.chunkAt(pos).id), pos);
    }
    for (const word of ["glacier", "quokka", "island"]) assert.deepEqual([...a.postings(a.id(word)!)], [...b.postings(b.id(word)!)]);
  });

  test("sourceSummaries · what summariseSources derives from the chunks, with file records", () => {
    const fromChunks = summariseSources({ chunks: () => written.chunks() } as ChunkReader);
    assert.deepEqual(summariseSources(reader), fromChunks);
    assert.deepEqual(reader.fileRecord("alps.md"), written.fileRecord("alps.md"));
  });

  test("open · other BM25 fields than the index's · BM25 rebuilt from the chunks, as the writer does", async () => {
    const options = { bm25: { includeTitle: true } };
    const [a, b] = [await ReadOnlyStore.open(dir, EMBEDDER, options), await HnswBm25Store.open(dir, EMBEDDER, options)];
    try {
      assert.deepEqual(await a.lexical("alpine fauna", 5), await b.lexical("alpine fauna", 5));
      assert.ok((await a.lexical("night trains", 5)).some((h) => h.chunk.id === "rail.html#0"));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test("open · chunks.jsonl cut short · INDEX_MISMATCH", async () => {
    const other = await mkdtemp(path.join(tmpdir(), "citebot-read-only-bad-"));
    try {
      await written.save(other);
      await writeFile(path.join(other, "chunks.jsonl"), "[0, {}]\n");
      await assert.rejects(ReadOnlyStore.open(other, EMBEDDER), (err: Error & { code?: string }) => err.code === "INDEX_MISMATCH");
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
