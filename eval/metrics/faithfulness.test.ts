import assert from "node:assert/strict";
import { test } from "node:test";
import type { Citation } from "../../core/types.js";
import { faithfulness, faithfulnessMode } from "./faithfulness.js";

const cite = (id: number, text: string): Citation => ({ id, source: "s.txt", title: "t", page: null, chunkId: `s#${id}`, text, score: 1 });
const passages = [cite(1, "The  meeting was held in Brussels. Hegseth spoke first."), cite(2, "Europe gave nearly €100 billion to Ukraine since 2022.")];

test("faithfulness · verbatim quotes of their cited passages · 1", () => {
  const r = faithfulness("The meeting was held in Brussels. [1] Europe gave nearly €100 billion to Ukraine since 2022. [2]", false, passages, "verbatim");
  assert.equal(r.score, 1);
});

test("faithfulness · verbatim sentence cited to the wrong passage · unsupported", () => {
  const r = faithfulness("The meeting was held in Brussels. [2] Hegseth spoke first. [1]", false, passages, "verbatim");
  assert.equal(r.score, 0.5);
  assert.equal(r.sentences[0]?.supported, false);
});

test("faithfulness · extractive sentence reworded · unsupported in verbatim mode, supported lexically", () => {
  const answer = "In Brussels, the meeting was held. [1]";
  assert.equal(faithfulness(answer, false, passages, "verbatim").score, 0);
  assert.equal(faithfulness(answer, false, passages, "lexical").score, 1);
});

test("faithfulness · generated sentence with a wrong figure and an uncited one · both unsupported", () => {
  const r = faithfulness("Europe gave €300 billion to Kenya in 1999 [2]. Hegseth spoke first.", false, passages, "lexical");
  assert.equal(r.score, 0);
  assert.deepEqual(
    r.sentences.map((s) => s.markers),
    [[2], []],
  );
});

test("faithfulness · marker to a missing passage · unsupported", () => {
  assert.equal(faithfulness("Hegseth spoke first. [9]", false, passages, "verbatim").score, 0);
});

test("faithfulness · abstention · null (nothing to judge)", () => {
  assert.equal(faithfulness("The documents do not cover this.", true, [], "lexical").score, null);
});

test("faithfulnessMode · extractive and its fallback · verbatim; an LLM · lexical", () => {
  assert.equal(faithfulnessMode("extractive"), "verbatim");
  assert.equal(faithfulnessMode("extractive (fallback: upstream 503)"), "verbatim");
  assert.equal(faithfulnessMode("openai:gpt-4o-mini"), "lexical");
});
