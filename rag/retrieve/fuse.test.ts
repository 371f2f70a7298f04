import assert from "node:assert/strict";
import { test } from "node:test";
import { fuseRrf, fuseScores } from "./fuse.js";
import { hit } from "./hits.fixture.js";

test("fuseRrf · chunk ranked in both lists · outranks chunks found by one list only", () => {
  const lexical = [hit("a", 9), hit("b", 5), hit("c", 1)];
  const dense = [hit("d", 0.9), hit("b", 0.8), hit("a", 0.1)];
  const fused = fuseRrf([lexical, dense], { k: 60 });
  assert.deepEqual(
    fused.map((h) => h.chunk.id),
    ["a", "b", "d", "c"],
  );
  assert.ok(Math.abs(fused[0]!.score - (1 / 61 + 1 / 63)) < 1e-12);
  assert.ok(fused.every((h) => h.via === "hybrid"));
});

test("fuseRrf · weights · a heavier list decides the order", () => {
  const fused = fuseRrf([[hit("a", 1)], [hit("b", 1)]], { weights: [1, 3] });
  assert.deepEqual(
    fused.map((h) => h.chunk.id),
    ["b", "a"],
  );
});

test("fuseRrf · weights of the wrong length · throws", () => {
  assert.throws(() => fuseRrf([[hit("a", 1)]], { weights: [1, 2] }), RangeError);
});

test("fuseScores · peaked list · keeps score gaps that ranks would flatten", () => {
  // Lexical is sure about "a"; dense barely prefers "b". RRF would tie them, score fusion does not.
  const lexical = [hit("a", 10), hit("b", 1)];
  const dense = [hit("b", 0.81), hit("a", 0.8)];
  const fused = fuseScores([lexical, dense]);
  assert.equal(fused[0]!.chunk.id, "a");
  assert.ok(Math.abs(fused[0]!.score - (1 + 0.8 / 0.81)) < 1e-12);
  const rrf = fuseRrf([lexical, dense]);
  assert.equal(rrf[0]!.score, rrf[1]!.score);
});

test("fuseScores · list of zero scores · contributes nothing instead of NaN", () => {
  const fused = fuseScores([[hit("a", 0)], [hit("a", 2)]]);
  assert.equal(fused[0]!.score, 1);
});
