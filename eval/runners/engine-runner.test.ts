import assert from "node:assert/strict";
import { test } from "node:test";
import type { AskRequest, Chunk, Engine, EngineEvent, Hit } from "../../core/types.js";
import { PASSAGE_A, PASSAGE_B, response } from "../response.fixture.js";
import { EngineRunner, RetrievalLog } from "./engine-runner.js";

const chunk = (id: string, text: string): Chunk => ({ id, source: `${id}.txt`, title: id, page: null, date: null, start: 0, end: text.length, text });
const RETRIEVED: Hit[] = [
  { chunk: chunk("b", PASSAGE_B), score: 0.9, via: "lexical" },
  { chunk: chunk("a", PASSAGE_A), score: 0.5, via: "dense" },
];

/** An engine that reports `hits` through the hook (when given one) and answers with a response citing only passage A. */
function fakeEngine(onRetrieve?: (query: string, hits: readonly Hit[]) => void, hits = RETRIEVED): Engine {
  return {
    async *ask(request: AskRequest): AsyncIterable<EngineEvent> {
      onRetrieve?.(request.question, hits);
      yield { type: "done", response: response() };
    },
    health: () => ({ status: "ok", documents: 2, chunks: 2, embeddings: "e", generator: "g", indexBuiltAt: "" }),
    close: async () => {},
  };
}

test("EngineRunner · with a RetrievalLog on the engine's hook · retrieval is the retriever's list, not the cited passages", async () => {
  const log = new RetrievalLog();
  const runner = new EngineRunner(fakeEngine(log.record), {}, "citebot", log);
  const obs = await runner.ask({ question: "q" });
  assert.equal(runner.retrieval, "retriever");
  assert.deepEqual(
    obs.retrieved.map((p) => p.text),
    [PASSAGE_B, PASSAGE_A],
  );
  assert.equal(log.take(), undefined, "taken once");
});

test("EngineRunner · without a log · retrieval is what the response shows", async () => {
  const runner = new EngineRunner(fakeEngine(), {});
  const obs = await runner.ask({ question: "q" });
  assert.equal(runner.retrieval, "shown");
  assert.deepEqual(
    obs.retrieved.map((p) => p.text),
    [PASSAGE_A],
  );
});

test("EngineRunner · log wired but the engine never retrieved · fails loudly instead of scoring a stale list", async () => {
  const log = new RetrievalLog();
  log.record("earlier question", RETRIEVED);
  const runner = new EngineRunner(fakeEngine(), {}, "citebot", log);
  await assert.rejects(runner.ask({ question: "q" }), /No retrieval was recorded for "q"/);
});
