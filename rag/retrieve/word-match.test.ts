import assert from "node:assert/strict";
import { test } from "node:test";
import type { WordVectors } from "../../ingest/index.js";
import { chunk } from "./hits.fixture.js";
import { termIndexOf } from "./term-index.fixture.js";
import { TermMatcher, type TermMatchOptions } from "../terms/term-matcher.js";
import { uniqueTerms, WordMatcher, type WordMatchOptions } from "./word-match.js";

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
const corpus = [
  chunk("talks", { text: "Peace talks began in Riyadh." }),
  chunk("ceasefire", { text: "A ceasefire was agreed after talks." }),
  chunk("troops", { text: "No troops were sent in 2014 by Zelenskiy.", source: "Kyiv diary" }),
  chunk("riyadh", { text: "Riyadh hosted them." }),
];
const [TALKS, CEASEFIRE, TROOPS, RIYADH] = [0, 1, 2, 3];
const matcher = (options?: WordMatchOptions, terms?: TermMatchOptions) =>
  new WordMatcher(new TermMatcher(vectors, terms), termIndexOf(corpus, vectors), options);
const coverage = (m: WordMatcher, q: string) => m.coverage(uniqueTerms(q), [...corpus.keys()]);

test("WordMatcher.coverage · every question word in the passage · 1", () => {
  const m = matcher();
  assert.equal(coverage(m, "Where were the peace talks that began?")[TALKS], 1);
});

test("WordMatcher.coverage · paraphrase by a close word · partial credit, more than a passage without it", () => {
  const c = coverage(matcher(), "When did negotiations begin?");
  assert.ok(c[TALKS]! > 0 && c[TALKS]! < 1, `soft coverage ${c[TALKS]}`);
  assert.ok(c[TALKS]! > c[TROOPS]!);
});

test("WordMatcher.coverage · rare question word missing · weighs more than a common one missing", () => {
  // "talks" occurs in two chunks, "riyadh" in two as well but "ceasefire" in one: losing it costs more.
  // Chunk by chunk: the document-wide credit (documentFactor) is tested on its own below.
  const c = coverage(matcher({ documentFactor: 0 }), "ceasefire talks");
  assert.ok(c[TALKS]! < c[CEASEFIRE]!);
  assert.ok(c[TALKS]! < 0.5, `${c[TALKS]}`);
});

test("WordMatcher.coverage · another spelling or form of a name · stem-strength match", () => {
  const c = coverage(matcher({}, { stemStrength: 0.8 }), "Zelensky");
  assert.ok(Math.abs(c[TROOPS]! - 0.8) < 1e-9, `${c[TROOPS]}`);
  assert.equal(c[RIYADH], 0);
});

test("WordMatcher.coverage · figures · no soft match between different numbers", () => {
  const m = matcher();
  assert.equal(coverage(m, "2015")[TROOPS], 0);
  assert.equal(coverage(m, "2014")[TROOPS], 1);
});

test("WordMatcher.coverage · question word found elsewhere in the chunk's document · counts with the document factor", () => {
  const q = "ceasefire talks";
  const alone = coverage(matcher({ documentFactor: 0 }), q);
  const withDocument = coverage(matcher({ documentFactor: 0.4 }), q);
  // "ceasefire" is in the CEASEFIRE chunk of doc.txt: the TALKS and RIYADH chunks of doc.txt get 0.4 of it.
  assert.ok(withDocument[TALKS]! > alone[TALKS]!);
  assert.ok(withDocument[RIYADH]! > 0 && alone[RIYADH] === 0);
  assert.equal(withDocument[CEASEFIRE], alone[CEASEFIRE]);
  // TROOPS is in another document ("Kyiv diary"): no credit from doc.txt.
  assert.equal(withDocument[TROOPS], alone[TROOPS]);
});

test("WordMatcher.coverage · query without content words · 0 everywhere", () => {
  assert.deepEqual([...coverage(matcher(), "what is it?")], [0, 0, 0, 0]);
});

test("WordMatcher.expansions · close corpus word · listed, the word itself excluded", () => {
  const found = matcher().expansions("negotiations", 0.5);
  assert.deepEqual(
    found.map((e) => e.word),
    ["talks"],
  );
  // cos 0.9 is the default ceiling: the most a near-synonym earns.
  assert.ok(Math.abs(found[0]!.strength - 0.7) < 1e-6);
});
