import assert from "node:assert/strict";
import { test } from "node:test";
import type { Chunk } from "../../core/types.js";
import { contentTerms, type WordVectors } from "../../ingest/index.js";
import { chunk } from "./hits.fixture.js";
import { TermMatcher } from "../terms/term-matcher.js";
import { termIndexOf } from "./term-index.fixture.js";
import { uniqueTerms, WordMatcher } from "./word-match.js";

// A seeded corpus with word families ("rivet", "rivets", "riveting") and clustered vectors, so that stems,
// close vectors and document-wide credit all come into play and many coverage values tie.
const rand = seeded(11);
const STEMS = Array.from(
  { length: 60 },
  (_, i) => `${"bcdfglmnprst"[i % 12]}${"aeiou"[i % 5]}${"rvlmnt"[i % 6]}${"aeio"[(i >> 2) % 4]}${"tnrs"[(i >> 3) % 4]}`,
);
const WORDS = STEMS.flatMap((s) => [s, `${s}s`, `${s}ing`]);
const CENTRES = Array.from({ length: 12 }, () => unit(Array.from({ length: 8 }, () => rand() * 2 - 1)));
const SPACE = new Map(WORDS.map((w, i) => [w, Float32Array.from(unit(CENTRES[i % 12]!.map((x) => x + (rand() - 0.5) * 0.9)))]));
const vectors: WordVectors = { wordVector: (w) => SPACE.get(w), wordWeight: () => 1 };
const TERMS = new TermMatcher(vectors);
const CORPUS: Chunk[] = Array.from({ length: 300 }, (_, i) =>
  chunk(`c${i}`, {
    source: `doc-${Math.floor(i / 7)}.txt`,
    text: Array.from({ length: 4 + Math.floor(rand() * 12) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" "),
  }),
);

test("WordMatcher.coverage · random corpus, questions and candidates · the values of a full scan of every chunk (to float32 precision)", () => {
  const m = new WordMatcher(TERMS, termIndexOf(CORPUS, vectors));
  for (let q = 0; q < 60; q++) {
    // Some question words are not in the corpus (new vectors), some are figures.
    const words = Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
      rand() < 0.15 ? `${STEMS[Math.floor(rand() * 60)]}ed` : WORDS[Math.floor(rand() * WORDS.length)]!,
    );
    const terms = uniqueTerms(words.join(" "));
    const expected = fullScan(terms);
    // Every chunk at once, and a few candidates (with positions the index does not hold), in any order.
    assertClose(m.coverage(terms, [...CORPUS.keys()]), [...expected], `values for ${terms.join(" ")}`);
    const some = Array.from({ length: 12 }, () => Math.floor(rand() * (CORPUS.length + 20)) - 10);
    assertClose(
      m.coverage(terms, some),
      some.map((p) => expected[p] ?? 0),
      `candidates ${some.join(",")} for ${terms.join(" ")}`,
    );
  }
});

/** Word matching without postings or neighbour search: every vocabulary word judged, every chunk scored. */
function fullScan(terms: string[]): Float64Array {
  const vocab: string[] = [];
  const seen = new Set<string>();
  const sets = CORPUS.map((c) => new Set(contentTerms(c.text)));
  for (const s of sets) for (const w of s) if (!seen.has(w)) (seen.add(w), vocab.push(w));
  const df = (w: string) => sets.filter((s) => s.has(w)).length;
  const docs = CORPUS.map((c) => c.source);
  const covered = new Float64Array(CORPUS.length);
  let total = 0;
  for (const term of terms) {
    const d = df(term);
    const weight = Math.log(1 + (CORPUS.length - d + 0.5) / (d + 0.5));
    total += weight;
    const close = vocab
      .map((other, id) => ({ id, strength: TERMS.strength(term, other) }))
      .filter((n) => n.strength > 0)
      .sort((a, b) => b.strength - a.strength)
      .slice(0, 32);
    const best = CORPUS.map((_, u) => Math.max(0, ...close.filter((n) => sets[u]!.has(vocab[n.id]!)).map((n) => n.strength)));
    const inDoc = new Map<string, number>();
    best.forEach((b, u) => inDoc.set(docs[u]!, Math.max(inDoc.get(docs[u]!) ?? 0, b)));
    best.forEach((own, u) => {
      const spread = 0.4 * inDoc.get(docs[u]!)!;
      covered[u]! += weight * (own > spread ? own : spread);
    });
  }
  return total > 0 ? covered.map((c) => c / total) : covered;
}

/** Equal to float32 precision: the vocabulary graph gives cosines computed in single precision. */
function assertClose(actual: readonly number[], expected: readonly number[], message: string): void {
  assert.equal(actual.length, expected.length, message);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) < 1e-6, `${message}: at ${i}, ${a} ≠ ${expected[i]}`));
}

function unit(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
