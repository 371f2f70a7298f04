import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenF1 } from "./token-f1.js";

test("tokenF1 · identical up to markers and case · 1", () => {
  assert.equal(tokenF1("Pete Hegseth said so [1].", "pete hegseth said so"), 1);
});

test("tokenF1 · half the tokens shared · precision and recall combine", () => {
  // predicted: a b c d (4), gold: a b (2) → common 2, P 0.5, R 1, F1 2/3
  assert.equal(tokenF1("alpha beta gamma delta", "alpha beta"), 2 / 3);
});

test("tokenF1 · nothing shared · 0", () => {
  assert.equal(tokenF1("cats", "dogs"), 0);
});

test("tokenF1 · repeated tokens · counted once per gold occurrence", () => {
  // predicted: x x x, gold: x y → common 1, P 1/3, R 1/2, F1 0.4
  assert.ok(Math.abs(tokenF1("x x x", "x y") - 0.4) < 1e-12);
});
