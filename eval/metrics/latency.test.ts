import assert from "node:assert/strict";
import { test } from "node:test";
import { latencySummary, percentile } from "./latency.js";

test("percentile · 1..100 · p50 is 50.5, p95 is 95.05", () => {
  const v = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(v, 50), 50.5);
  assert.ok(Math.abs(percentile(v, 95) - 95.05) < 1e-9);
});

test("percentile · unsorted input · sorts first; one value · that value", () => {
  assert.equal(percentile([9, 1, 5], 50), 5);
  assert.equal(percentile([7], 95), 7);
});

test("percentile · no values · NaN", () => {
  assert.ok(Number.isNaN(percentile([], 50)));
});

test("latencySummary · three timings · per-stage stats", () => {
  const s = latencySummary([
    { retrieveMs: 1, generateMs: 2, totalMs: 3 },
    { retrieveMs: 3, generateMs: 4, totalMs: 7 },
    { retrieveMs: 2, generateMs: 9, totalMs: 11 },
  ]);
  assert.deepEqual(s.retrieve, { p50: 2, p95: 2.9, max: 3 });
  assert.equal(s.total.p50, 7);
  assert.equal(s.generate.max, 9);
});
