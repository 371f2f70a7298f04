import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AnswerEvent, AskResponse, Composition, EngineEvent } from "../../core/types.js";
import { collect } from "./collect.js";

const composition: Composition = { answer: "A. [1]", abstained: false, citations: [], related: [], generator: "extractive", unsupported: [] };

async function* stream<T>(...events: T[]): AsyncIterable<T> {
  yield* events;
}

describe("collect", () => {
  it("collect · answerer events · returns the done composition", async () => {
    const events = stream<AnswerEvent>({ type: "citations", citations: [] }, { type: "token", text: "A. [1]" }, { type: "done", answer: composition });
    assert.equal(await collect(events), composition);
  });

  it("collect · engine events · returns the done response", async () => {
    const response: AskResponse = {
      ...composition,
      query: "q",
      model: { embeddings: "e", generator: "extractive" },
      timings: { retrieveMs: 0, generateMs: 0, totalMs: 0 },
    };
    assert.equal(await collect(stream<EngineEvent>({ type: "token", text: "A." }, { type: "done", response })), response);
  });

  it("collect · a stream without done · rejects with INTERNAL", async () => {
    await assert.rejects(collect(stream<AnswerEvent>({ type: "token", text: "A." })), { name: "AppError", code: "INTERNAL" });
  });
});
