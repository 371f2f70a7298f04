import assert from "node:assert/strict";
import { test } from "node:test";
import { Bm25Index } from "../../ingest/index.js";
import { seededRandom } from "../../ingest/testing/identifiers.js";
import { sameStem } from "./same-stem.js";
import { StemBuckets } from "./stem-buckets.js";

const WORDS =
  "lily lilies policy policies force forces talk talks talking talked stop stopped negotiations negotiating ukraine ukrainian " +
  "ukrainians zelensky zelenskiy attend attendance depend dependence accept access supply support peace peacekeepers state " +
  "statement sent sentence flies fly boxes box buses bus axes axis 2014 2015 abc1d abcd abcde cities city citizen";

test("StemBuckets.forms · every word of a vocabulary · exactly the words a scan with sameStem finds", () => {
  const bm25 = new Bm25Index({ id: "words", terms: (t) => t.split(" ") });
  bm25.add(0, WORDS);
  const vocabulary = bm25.postingLists();
  const buckets = new StemBuckets(vocabulary);
  const terms = Array.from({ length: vocabulary.termCount }, (_, id) => vocabulary.term(id));
  for (const word of [...terms, "lilys", "policie", "talker", "ukrainians's"]) {
    const scanned = terms.flatMap((other, id) => (other !== word && sameStem(word, other) ? [id] : []));
    assert.deepEqual(buckets.forms(word).sort(), scanned.sort(), word);
  }
  assert.deepEqual(buckets.forms("lily").map(vocabulary.term), ["lilies"]);
});

test("StemBuckets.forms · a generated vocabulary of word families · exactly the words a scan with sameStem finds", () => {
  const rand = seededRandom(7);
  // Short stems over few letters, so that families collide and share prefixes of every length.
  const stem = () => Array.from({ length: 2 + Math.floor(rand() * 6) }, () => "aeilnrsty"[Math.floor(rand() * 9)]).join("");
  const SUFFIXES = ["", "s", "e", "es", "ing", "ings", "ed", "er", "y", "ies", "ance", "ences", "ation", "ion", "ly"];
  const suffix = () => SUFFIXES[Math.floor(rand() * SUFFIXES.length)]!;
  const words = new Set<string>();
  // Families: each stem with four endings.
  while (words.size < 1_500) {
    const s = stem();
    for (let i = 0; i < 4; i++) words.add(s + suffix());
  }
  const bm25 = new Bm25Index({ id: "words", terms: (t) => t.split(" ") });
  bm25.add(0, [...words].join(" "));
  const vocabulary = bm25.postingLists();
  const buckets = new StemBuckets(vocabulary);
  const terms = Array.from({ length: vocabulary.termCount }, (_, id) => vocabulary.term(id));
  for (const word of [...terms, ...Array.from({ length: 300 }, () => stem() + suffix())]) {
    const scanned = terms.flatMap((other, id) => (other !== word && sameStem(word, other) ? [id] : []));
    assert.deepEqual(buckets.forms(word).sort(), scanned.sort(), word);
  }
});
