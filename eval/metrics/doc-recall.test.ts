import assert from "node:assert/strict";
import { test } from "node:test";
import { docRecall } from "./doc-recall.js";

const list = ["a.txt", "a.txt", "c.txt", "b.txt"].map((source) => ({ source, text: "" }));

test("docRecall · two gold sources, one in the top 3 · 0.5", () => {
  assert.equal(docRecall(["a.txt", "b.txt"], list, 3), 0.5);
});

test("docRecall · both gold sources within top 4 · 1", () => {
  assert.equal(docRecall(["a.txt", "b.txt"], list, 4), 1);
});

test("docRecall · gold source never retrieved · 0", () => {
  assert.equal(docRecall(["z.txt"], list, 4), 0);
});
