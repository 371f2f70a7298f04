import assert from "node:assert/strict";
import { test } from "node:test";
import { fnv1a, WordIndex } from "./word-index.js";

const WORDS = ["the", "constructor", "naïve", "cross-country", "kyiv", "🙂", "a"];

test("WordIndex · every indexed word · maps to its row and back", () => {
  const index = WordIndex.build(WORDS);
  assert.equal(index.size, WORDS.length);
  WORDS.forEach((w, row) => {
    assert.equal(index.get(w), row);
    assert.equal(index.wordAt(row), w);
  });
});

test("WordIndex · unknown and prototype-named words · are undefined, not inherited", () => {
  const index = WordIndex.build(WORDS);
  for (const w of ["toString", "__proto__", "hasOwnProperty", "", "th", "thee", "Kyiv"]) assert.equal(index.get(w), undefined, w);
});

test("WordIndex · a table rebuilt from its typed arrays · answers the same", () => {
  const built = WordIndex.build(WORDS);
  const copy = new WordIndex({ chars: built.chars.slice(), offsets: built.offsets.slice(), slots: built.slots.slice() });
  WORDS.forEach((w, row) => assert.equal(copy.get(w), row));
});

test("WordIndex · many words with colliding slots · all found, table at most half full", () => {
  const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
  const index = WordIndex.build(words);
  assert.ok(index.slots.length >= 2 * words.length);
  words.forEach((w, row) => assert.equal(index.get(w), row));
  assert.equal(index.get("w5000"), undefined);
});

test("WordIndex · a duplicate word · is rejected", () => {
  assert.throws(() => WordIndex.build(["a", "b", "a"]), /duplicate word "a" at row 2/);
});

test("fnv1a · known vectors · match the reference values", () => {
  // Reference FNV-1a 32-bit values for ASCII input.
  assert.equal(fnv1a(""), 0x811c9dc5);
  assert.equal(fnv1a("a"), 0xe40c292c);
  assert.equal(fnv1a("foobar"), 0xbf9cf968);
});
