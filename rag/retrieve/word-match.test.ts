import assert from "node:assert/strict";
import { test } from "node:test";
import type { WordVectors } from "../../ingest/embed/embedder.js";
import { chunk } from "./hits.fixture.js";
import { WordMatcher } from "./word-match.js";

// Tiny hand-made 3-d word space: "talks" and "negotiations" are close (cos 0.9), the rest orthogonal.
const space: Record<string, number[]> = {
  talks: [1, 0, 0],
  negotiations: [0.9, Math.sqrt(1 - 0.81), 0],
  ceasefire: [0, 0, 1],
  troops: [0, 1, 0],
  "2014": [0.99, 0.14, 0],
  "2015": [0.99, 0.14, 0],
};
const vectors: WordVectors = {
  wordVector: (w) => (space[w] ? Float32Array.from(space[w]) : undefined),
  wordWeight: () => 1,
};
const talks = chunk("talks", { text: "Peace talks began in Riyadh." });
const ceasefire = chunk("ceasefire", { text: "A ceasefire was agreed after talks." });
const troops = chunk("troops", { text: "No troops were sent in 2014." });
const corpus = [talks, ceasefire, troops];

test("WordMatcher.coverage · every question word in the passage · 1", () => {
  const m = new WordMatcher(vectors, corpus);
  assert.equal(m.coverage("Where were the peace talks that began?", talks), 1);
});

test("WordMatcher.coverage · paraphrase by a close word · partial credit, more than a passage without it", () => {
  const m = new WordMatcher(vectors, corpus, { floor: 0.5 });
  const query = "When did negotiations begin?";
  const soft = m.coverage(query, talks);
  assert.ok(soft > 0 && soft < 1, `soft coverage ${soft}`);
  assert.ok(soft > m.coverage(query, troops));
});

test("WordMatcher.coverage · rare question word missing · weighs more than a common one missing", () => {
  const m = new WordMatcher(vectors, corpus);
  // "talks" occurs in two chunks, "riyadh" in one: losing "riyadh" costs more.
  const q = ["talks", "riyadh"];
  assert.ok(m.coverage(q, ceasefire) < m.coverage(q, chunk("x", { text: "Riyadh hosted them." })));
});

test("WordMatcher.coverage · figures · no soft match between different numbers", () => {
  const m = new WordMatcher(vectors, corpus);
  assert.equal(m.coverage(["2015"], troops), 0);
  assert.equal(m.coverage(["2014"], troops), 1);
});

test("WordMatcher.coverage · query without content words · 0", () => {
  assert.equal(new WordMatcher(vectors, corpus).coverage("what is it?", talks), 0);
});

test("WordMatcher.expansions · close corpus word · listed, the word itself excluded", () => {
  const m = new WordMatcher(vectors, corpus, { floor: 0.5 });
  const found = m.expansions("negotiations", 0.5);
  assert.deepEqual(
    found.map((e) => e.word),
    ["talks"],
  );
  assert.ok(Math.abs(found[0]!.strength - 0.8) < 1e-6);
});
