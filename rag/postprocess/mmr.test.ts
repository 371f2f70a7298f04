import assert from "node:assert/strict";
import { test } from "node:test";
import type { Hit } from "../../core/types.js";
import { hit } from "../retrieve/hits.fixture.js";
import { diversifyMmr } from "./mmr.js";

const sameSource = (a: Hit, b: Hit) => (a.chunk.source === b.chunk.source ? 1 : 0);
// Document A holds the three best chunks; B's chunk is nearly as relevant.
const hits = [
  hit("a1", 1.0, { source: "A" }),
  hit("a2", 0.95, { source: "A" }),
  hit("a3", 0.9, { source: "A" }),
  hit("b1", 0.85, { source: "B" }),
  hit("c1", 0.1, { source: "C" }),
];

test("diversifyMmr · one document holds the best chunks · another document's close chunk moves up", () => {
  const picked = diversifyMmr(hits, { k: 3, lambda: 0.7, similarity: sameSource });
  assert.deepEqual(
    picked.map((h) => h.chunk.id),
    ["a1", "b1", "a2"],
  );
});

test("diversifyMmr · lambda 1 · keeps the relevance order", () => {
  const picked = diversifyMmr(hits, { k: 4, lambda: 1, similarity: sameSource });
  assert.deepEqual(
    picked.map((h) => h.chunk.id),
    ["a1", "a2", "a3", "b1"],
  );
});

test("diversifyMmr · weakly relevant other document · not promoted over strong chunks", () => {
  const picked = diversifyMmr(hits, { k: 3, lambda: 0.7, similarity: sameSource });
  assert.ok(!picked.some((h) => h.chunk.id === "c1"));
});

test("diversifyMmr · k above the candidates · returns every hit once, scores untouched", () => {
  const picked = diversifyMmr(hits, { k: 10, lambda: 0.5, similarity: sameSource });
  assert.equal(picked.length, hits.length);
  assert.equal(new Set(picked).size, hits.length);
  assert.deepEqual(picked.map((h) => h.score).sort(), hits.map((h) => h.score).sort());
});

test("diversifyMmr · lambda outside [0, 1] · throws", () => {
  assert.throws(() => diversifyMmr(hits, { k: 2, lambda: 1.5, similarity: sameSource }), RangeError);
});
