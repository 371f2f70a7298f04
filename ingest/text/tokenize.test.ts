import assert from "node:assert/strict";
import { test } from "node:test";
import { contentTerms, indexTerms, tokenize } from "./tokenize.js";

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

test("tokenize · identifiers joined by underscores, dots or hyphens · kept whole", () => {
  assert.deepEqual(tokenize("Set max_workers in functools.lru_cache, or pass --no-edit."), [
    "set",
    "max_workers",
    "in",
    "functools.lru_cache",
    "or",
    "pass",
    "no-edit",
  ]);
});

test("indexTerms · compound names · whole first, then their parts with a letter; contentTerms keeps them whole", () => {
  assert.deepEqual(contentTerms("functools.lru_cache"), ["functools.lru_cache"]);
  assert.deepEqual(indexTerms("functools.lru_cache"), ["functools.lru_cache", "functools", "lru_cache", "lru", "cache"]);
  assert.deepEqual(indexTerms("python -m venv --without-pip"), ["python", "venv", "without-pip", "pip"]);
  assert.deepEqual(indexTerms("a 28-point plan, version 3.11"), ["28-point", "point", "plan", "version", "3.11"]);
});
