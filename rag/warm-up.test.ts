import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { test } from "node:test";
import type { AnswerEvent } from "../core/types.js";
import type { Answerer } from "./answer/answerer.js";
import type { Pipeline } from "./ask.js";
import { chunk } from "./retrieve/hits.fixture.js";
import { termIndexOf } from "./retrieve/term-index.fixture.js";
import { warmUp } from "./warm-up.js";

// 40 chunks over 30 words, each word in 3 of them: all of mid frequency (2 to 10% of the chunks would be 4; 3 is).
const WORDS = Array.from({ length: 30 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
const CHUNKS = Array.from({ length: 40 }, (_, i) => chunk(`c${i}`, { text: WORDS.filter((_, w) => (w + i) % 13 < 1).join(" ") || "the" }));
const TERMS = termIndexOf(CHUNKS, { wordVector: () => undefined, wordWeight: () => 1 });

/** A pipeline recording the queries it retrieves for; its answerer takes `answerMs` a question. */
function pipeline(answerMs = 0) {
  const queries: string[] = [];
  const seen: string[] = [];
  const answerer: Answerer = {
    name: "extractive",
    async *answer(): AsyncIterable<AnswerEvent> {
      if (answerMs) await delay(answerMs);
      yield { type: "done", answer: { answer: "-", abstained: true, citations: [], related: [], generator: "extractive", unsupported: [] } };
    },
  };
  const p: Pipeline = {
    condense: async (question) => ({ question, carried: [] }),
    retriever: { retrieve: async (query) => (queries.push(query), []) },
    candidates: 5,
    postprocessors: [],
    answerer,
    topK: 5,
    embeddings: "fake",
    onRetrieve: (query) => seen.push(query),
  };
  return { p, queries, seen };
}

test("warmUp · a generous budget · at most 64 questions of the index's own words, none seen by onRetrieve", async () => {
  const { p, queries, seen } = pipeline();
  const asked = await warmUp(p, TERMS, 10_000);
  assert.equal(asked, queries.length);
  assert.ok(asked > 0 && asked <= 64, `${asked} questions`);
  for (const q of queries)
    assert.ok(
      q.split(/\W+/u).some((w) => WORDS.includes(w)),
      q,
    );
  assert.deepEqual(seen, []);
});

test("warmUp · a budget of 30 ms, 10 ms a question · stops at the budget; 0 ms asks nothing", async () => {
  const slow = pipeline(10);
  const asked = await warmUp(slow.p, TERMS, 30);
  assert.ok(asked >= 1 && asked <= 5, `${asked} questions`);
  assert.equal(await warmUp(pipeline().p, TERMS, 0), 0);
});
