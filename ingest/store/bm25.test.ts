import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "../testing/identifiers.js";
import { Bm25Index, type Analyzer } from "./bm25.js";

const DOCS = [
  "Putin and Trump spoke by phone about the war in Ukraine.",
  "European leaders met in Paris to discuss the war.",
  "The peace plan has twenty-eight points, and the war continues.",
  "Zelensky said the ceasefire proposal was unacceptable to Kyiv.",
];

function build(docs = DOCS, opts?: ConstructorParameters<typeof Bm25Index>): Bm25Index {
  const index = new Bm25Index(...(opts ?? []));
  docs.forEach((text, i) => index.add(i, text));
  return index;
}

test("Bm25Index.search · rare term beside a common one · the document with the rare term ranks first", () => {
  const hits = build().search("war ceasefire", 4);
  assert.equal(hits[0]?.doc, 3);
  assert.deepEqual(
    hits
      .slice(1)
      .map((h) => h.doc)
      .sort(),
    [0, 1, 2],
  );
});

test("Bm25Index.search · two documents, one term · scores equal the Okapi formula", () => {
  const index = build(["apple banana", "apple apple cherry cherry cherry cherry"], [undefined, { k1: 1.2, b: 0.75 }]);
  const [first, second] = index.search("cherry apple", 2);
  const avgdl = (2 + 6) / 2;
  const idf = (df: number) => Math.log(1 + (2 - df + 0.5) / (df + 0.5));
  const term = (tf: number, dl: number, df: number) => (idf(df) * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * dl) / avgdl));
  assert.equal(first?.doc, 1);
  assert.ok(Math.abs(first.score - (term(2, 6, 2) + term(4, 6, 1))) < 1e-6);
  assert.ok(Math.abs(second!.score - term(1, 2, 2)) < 1e-6);
});

test("Bm25Index.search · random corpus and queries, rare and common terms · the k best of scoring every document", () => {
  const rand = seededRandom(5);
  // Zipf-like word use: a few words in most documents, many in few, so pruning has common terms to skip.
  const word = () => `w${Math.floor(Math.pow(rand(), 3) * 400)}`;
  const docs = Array.from({ length: 600 }, () => Array.from({ length: 5 + Math.floor(rand() * 60) }, word).join(" "));
  const index = build(docs);
  const all = docs.length;
  for (let q = 0; q < 80; q++) {
    const query = Array.from({ length: 1 + Math.floor(rand() * 6) }, word).join(" ");
    const k = 1 + Math.floor(rand() * 40);
    const exact = index
      .search(query, all)
      .slice(0, k)
      .map((h) => h.score);
    const pruned = index.search(query, k);
    assert.equal(pruned.length, exact.length, query);
    pruned.forEach((h, i) => assert.ok(Math.abs(h.score - exact[i]!) < 1e-9, `${query} @${i}: ${h.score} ≠ ${exact[i]}`));
    // Each returned score is the document's own full score.
    const full = new Map(index.search(query, all).map((h) => [h.doc, h.score]));
    for (const h of pruned) assert.ok(Math.abs(h.score - full.get(h.doc)!) < 1e-9);
  }
});

test("Bm25Index.search · same term count, different lengths · the shorter document ranks first", () => {
  const hits = build(["sanctions", "sanctions were discussed at length by ministers from many countries"]).search("sanctions", 2);
  assert.deepEqual(
    hits.map((h) => h.doc),
    [0, 1],
  );
});

test("Bm25Index.search · k smaller than the matches · returns the k best, best first", () => {
  const hits = build().search("war", 2);
  assert.equal(hits.length, 2);
  assert.ok(hits[0]!.score >= hits[1]!.score);
  assert.deepEqual(build().search("war", 0), []);
});

test("Bm25Index.remove · removed document · no longer matches and idf follows the live documents", () => {
  const index = build();
  const before = index.search("war", 4).find((h) => h.doc === 0)!.score;
  assert.equal(index.remove(1), true);
  assert.equal(index.remove(1), false);
  const after = index.search("war", 4);
  assert.deepEqual(after.map((h) => h.doc).sort(), [0, 2]);
  assert.notEqual(after.find((h) => h.doc === 0)!.score, before);
  assert.equal(index.size, 3);
});

test("Bm25Index.serialize · round trip after a removal · same results, unused terms dropped", () => {
  const index = build();
  index.remove(3);
  const snapshot = index.serialize();
  assert.ok(!snapshot.meta.terms.includes("ceasefire"));
  // An odd byte offset, as a Buffer sliced from a larger one would have, must still load.
  const shifted = new Uint8Array(snapshot.data.byteLength + 1).subarray(1);
  shifted.set(snapshot.data);
  const restored = Bm25Index.deserialize({ ...snapshot, data: shifted }, index.analyzer);
  for (const q of ["war", "peace plan", "paris leaders", "ceasefire"]) assert.deepEqual(restored.search(q, 4), index.search(q, 4));
  restored.add(9, "A ceasefire was agreed.");
  assert.equal(restored.search("ceasefire", 1)[0]?.doc, 9);
});

test("Bm25Index · custom analyzer · used for documents and queries; snapshot refuses another analyzer", () => {
  const stem: Analyzer = {
    id: "test-stem",
    terms: (t) =>
      t
        .toLowerCase()
        .split(/\W+/)
        .filter(Boolean)
        .map((w) => w.replace(/s$/, "")),
  };
  const index = build(["talks resumed", "a talk was held"], [stem]);
  assert.equal(index.search("talk", 2).length, 2);
  assert.throws(() => Bm25Index.deserialize(index.serialize(), { id: "other", terms: stem.terms }), /analyzer test-stem/);
});

test("Bm25Index.add · same document number twice · throws", () => {
  assert.throws(() => build().add(0, "again"), /already indexed/);
});
