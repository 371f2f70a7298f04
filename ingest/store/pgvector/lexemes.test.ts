import assert from "node:assert/strict";
import { test } from "node:test";
import { indexTerms } from "../../text/tokenize.js";
import { encodeTerm, encodeTerms } from "./lexemes.js";

test("encodeTerm · technical names · one plain word each, distinct for distinct terms", () => {
  const terms = ["max_workers", "functools.lru_cache", "without-pip", "3.11", "don't", "zelenskiy", "dovilė"];
  const encoded = terms.map(encodeTerm);
  for (const word of encoded) assert.match(word, /^[\p{L}\p{N}]+$/u, word);
  assert.equal(new Set(encoded).size, terms.length);
  assert.equal(encodeTerm("max_workers"), "maxx5fworkers");
});

test("encodeTerms · a chunk's analyzer terms · one word per term, duplicates kept", () => {
  const terms = indexTerms("Set max_workers; max_workers defaults to None.");
  assert.equal(encodeTerms(terms).split(" ").length, terms.length);
});
