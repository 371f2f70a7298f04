import assert from "node:assert/strict";
import { test } from "node:test";
import { contentTerms, tokenize } from "./tokenize.js";

test("tokenize · possessives, dotted acronyms, curly apostrophes · one form per word", () => {
  assert.deepEqual(tokenize("Trump's U.S. call with NATO’s chief"), ["trump", "us", "call", "with", "nato", "chief"]);
});

test("tokenize · hyphens and decimals · kept whole", () => {
  assert.deepEqual(tokenize("a well-known 3.5% rise in 2014"), ["a", "well-known", "3.5", "rise", "in", "2014"]);
});

test("tokenize · prototype names · ordinary tokens", () => {
  assert.deepEqual(tokenize("toString constructor __proto__"), ["tostring", "constructor", "proto"]);
});

test("contentTerms · question words and stopwords · dropped, topical words kept", () => {
  assert.deepEqual(contentTerms("What did the US Secretary of Defense say about the war?"), ["us", "secretary", "defense", "war"]);
});

test("contentTerms · single characters · dropped unless digits", () => {
  assert.deepEqual(contentTerms("a 7 b x9"), ["7", "x9"]);
});
