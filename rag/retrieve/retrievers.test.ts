import assert from "node:assert/strict";
import { test } from "node:test";
import type { Chunk } from "../../core/types.js";
import { createChunkStore, FakeEmbedder, type ChunkStore, type Embedder } from "../../ingest/index.js";
import { defaultPostprocessors } from "../postprocess/default-postprocessors.js";
import { PostprocessedRetriever } from "../postprocess/postprocessed-retriever.js";
import { DenseRetriever } from "./dense.js";
import { HybridRetriever } from "./hybrid.js";
import { LexicalRetriever } from "./lexical.js";
import { isRankedHit } from "./ranked-hit.js";
import { CONTRACT_CHUNKS, runRetrieverContract } from "./retriever.contract.js";

async function storeOf(chunks: readonly Chunk[], embedder: Embedder): Promise<ChunkStore> {
  const store = createChunkStore(embedder);
  await store.put([...chunks], await embedder.embedDocuments(chunks.map((c) => c.text)));
  return store;
}

const embedder = new FakeEmbedder({ dim: 64 });
runRetrieverContract("HybridRetriever", async (chunks) => new HybridRetriever(await storeOf(chunks, embedder), embedder));
runRetrieverContract(
  "HybridRetriever (dense) + dedupe + MMR",
  async (chunks) =>
    new PostprocessedRetriever(
      new HybridRetriever(await storeOf(chunks, embedder), embedder, { weights: { dense: 1 } }),
      defaultPostprocessors({ mmrLambda: 0.7 }),
    ),
);
runRetrieverContract("LexicalRetriever", async (chunks) => new LexicalRetriever(await storeOf(chunks, embedder)));
runRetrieverContract("DenseRetriever", async (chunks) => new DenseRetriever(await storeOf(chunks, embedder), embedder));

test("HybridRetriever · hits · carry features and a score in [0, 1] that orders them", async () => {
  const retriever = new HybridRetriever(await storeOf(CONTRACT_CHUNKS, embedder), embedder, { weights: { dense: 1 } });
  const hits = await retriever.retrieve("Which glacier feeds Lake Geneva with meltwater?", 4);
  assert.equal(hits[0]?.chunk.id, "alps.md#1");
  for (const h of hits) {
    assert.ok(isRankedHit(h));
    assert.ok(h.score >= 0 && h.score <= 1, `score ${h.score}`);
    for (const f of [h.features.bm25Norm, h.features.dense, h.features.wordMatch]) assert.ok(f >= 0 && f <= 1, `feature ${f}`);
  }
  assert.ok(hits.every((h, i) => i === 0 || hits[i - 1]!.score >= h.score));
  // "glacier", "feeds", "lake", "geneva", "meltwater" are all in the passage.
  assert.equal(hits[0]!.features.wordMatch, 1);
  assert.ok(hits[0]!.features.bm25 > 0);
});

test("HybridRetriever + MMR · question spanning two documents · MMR gives the second document a slot", async () => {
  const chunks: Chunk[] = [
    ...["one", "two", "three"].map((n, i) => passage("bees.txt", i, `Bee colonies swarm in spring; swarming note ${n} about queens and colonies.`)),
    passage("rail.html", 0, "Night trains leave Vienna at nine."),
    passage("garden.txt", 0, "Tulips flower in spring."),
  ];
  const store = await storeOf(chunks, embedder);
  // Bee words fill most of the question; "trains" is the one word of the second document.
  const query = "bee colonies swarm queens spring trains";
  const hybrid = new HybridRetriever(store, embedder);
  const plain = await new PostprocessedRetriever(hybrid, defaultPostprocessors({ mmrLambda: 1 })).retrieve(query, 2);
  const diverse = await new PostprocessedRetriever(hybrid, defaultPostprocessors({ mmrLambda: 0.5 })).retrieve(query, 2);
  assert.deepEqual(
    plain.map((h) => h.chunk.source),
    ["bees.txt", "bees.txt"],
  );
  assert.deepEqual(new Set(diverse.map((h) => h.chunk.source)), new Set(["bees.txt", "rail.html"]));
});

test("HybridRetriever + dedupe · nested chunk of the same place · retrieved twice, collapsed into one hit", async () => {
  const text = "The Aletsch glacier is the largest glacier in the Alps.";
  const chunks: Chunk[] = [passage("alps.md", 0, text), { ...passage("alps.md", 1, text.slice(4)), start: 4, end: text.length }];
  const hybrid = new HybridRetriever(await storeOf(chunks, embedder), embedder);
  assert.equal((await hybrid.retrieve("largest glacier Alps", 5)).length, 2);
  const hits = await new PostprocessedRetriever(hybrid, defaultPostprocessors()).retrieve("largest glacier Alps", 5);
  assert.equal(hits.length, 1);
});

test("HybridRetriever · weights all zero · throws, even with an answer-form weight", async () => {
  const store = await storeOf(CONTRACT_CHUNKS, embedder);
  assert.throws(() => new HybridRetriever(store, embedder, { weights: { bm25: 0, dense: 0, wordMatch: 0 } }), RangeError);
  assert.throws(() => new HybridRetriever(store, embedder, { weights: { bm25: 0, dense: 0, wordMatch: 0, answerForm: 1 } }), RangeError);
});

test("HybridRetriever · question asking for a share · the passage stating a percentage ranks first, feature set", async () => {
  const chunks: Chunk[] = [
    passage("polls.txt", 0, "Ukrainians are tired of the war and many would accept concessions for peace, polls suggest."),
    passage("polls.txt", 1, "In the latest poll 77% of Ukrainians backed concessions in exchange for peace."),
  ];
  const store = await storeOf(chunks, embedder);
  const query = "What proportion of Ukrainians would accept concessions for peace?";
  const plain = await new HybridRetriever(store, embedder, { weights: { answerForm: 0 } }).retrieve(query, 2);
  const typed = await new HybridRetriever(store, embedder).retrieve(query, 2);
  assert.equal(plain[0]?.chunk.id, "polls.txt#0");
  assert.equal(typed[0]?.chunk.id, "polls.txt#1");
  assert.deepEqual(
    typed.map((h) => h.features.answerForm),
    [1, 0],
  );
  assert.equal(plain[0]?.features.answerForm, undefined);
});

function passage(source: string, ordinal: number, text: string): Chunk {
  return { id: `${source}#${ordinal}`, source, title: source, page: null, date: null, start: ordinal * 1000, end: ordinal * 1000 + text.length, text };
}
