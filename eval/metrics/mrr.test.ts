import assert from "node:assert/strict";
import { test } from "node:test";
import { evidenceRank } from "./hit-at-k.js";
import { reciprocalRank } from "./mrr.js";

const list = ["x", "y", "the target sentence"].map((text) => ({ source: "s", text }));

test("reciprocalRank · evidence at rank 3 · 1/3", () => {
  assert.equal(reciprocalRank(evidenceRank(list, ["target sentence"], "any")), 1 / 3);
});

test("reciprocalRank · evidence first · 1", () => {
  assert.equal(reciprocalRank(evidenceRank(list.slice(2), ["target"], "any")), 1);
});

test("reciprocalRank · evidence missing · 0", () => {
  assert.equal(reciprocalRank(evidenceRank(list, ["other"], "any")), 0);
});
