import assert from "node:assert/strict";
import { test } from "node:test";
import { answerFirstRecall, answerWords, leadWords } from "./answer-first.js";

const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

test("answerFirstRecall · facts inside the first 30 words · 1", () => {
  assert.equal(answerFirstRecall(`The default port is 8080. [1] ${filler(40)}`, false, [["8080"]]), 1);
});

test("answerFirstRecall · a fact only after word 30 · 0, though fact recall would count it", () => {
  assert.equal(answerFirstRecall(`${filler(30)} The default port is 8080. [1]`, false, [["8080"]]), 0);
});

test("answerFirstRecall · markers do not use up the window", () => {
  const markers = Array.from({ length: 29 }, () => "[1]").join(" ");
  assert.equal(answerFirstRecall(`${markers} a ${filler(28)} 8080`, false, [["8080"]]), 1);
});

test("answerFirstRecall · every group must be in the window; abstention scores 0", () => {
  assert.equal(answerFirstRecall(`Port 8080. ${filler(30)} host localhost`, false, [["8080"], ["localhost"]]), 0);
  assert.equal(answerFirstRecall("Port 8080 on localhost.", true, [["8080"]]), 0);
});

test("leadWords and answerWords · count words without markers", () => {
  assert.equal(leadWords("a [1] b c [2]", 2), "a b");
  assert.equal(answerWords("One two three. [1] Four. [2][3]"), 4);
});
