import assert from "node:assert/strict";
import { test } from "node:test";
import { topK } from "./top-k.js";

test("topK · many items · the k highest scores best first, same as a full sort", () => {
  const scores = Array.from({ length: 500 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
  const items = scores.map((_, i) => i);
  const expected = [...items].sort((a, b) => scores[b]! - scores[a]!).slice(0, 7);
  assert.deepEqual(
    topK(items, (i) => scores[i]!, 7),
    expected,
  );
});

test("topK · fewer items than k, or k 0 · all items sorted, or nothing", () => {
  assert.deepEqual(
    topK([3, 1, 2], (i) => i, 10),
    [3, 2, 1],
  );
  assert.deepEqual(
    topK([3, 1, 2], (i) => i, 0),
    [],
  );
});
