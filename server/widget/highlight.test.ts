import assert from "node:assert/strict";
import { test } from "node:test";
import { quotesCiting } from "./highlight.js";

const ANSWER = "Hegseth said Ukraine would not join NATO. [1] He also ruled out the 2014 borders. [1][2] Europe must pay. [3]";

test("quotesCiting · answer with marker runs · the sentences carrying that marker", () => {
  assert.deepEqual(quotesCiting(ANSWER, 1), ["Hegseth said Ukraine would not join NATO.", "He also ruled out the 2014 borders."]);
  assert.deepEqual(quotesCiting(ANSWER, 2), ["He also ruled out the 2014 borders."]);
  assert.deepEqual(quotesCiting(ANSWER, 3), ["Europe must pay."]);
});

test("quotesCiting · fragment too short to locate reliably · not a quote", () => {
  assert.deepEqual(quotesCiting("Yes. [1] It was agreed on Monday. [1]", 1), ["It was agreed on Monday."]);
});

test("quotesCiting · marker not in the answer · nothing", () => {
  assert.deepEqual(quotesCiting(ANSWER, 4), []);
  assert.deepEqual(quotesCiting("No markers here.", 1), []);
});
