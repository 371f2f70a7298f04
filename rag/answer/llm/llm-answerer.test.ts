import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import type OpenAI from "openai";
import { FakeOpenAIServer, type FakeReply } from "../../../core/testing/fake-openai-server.js";
import type { AnswerEvent, Composition, Hit } from "../../../core/types.js";
import { loadPrompts, type Prompts } from "../../../prompts/load.js";
import { createOpenAIClient } from "../../llm/openai-client.js";
import type { Answerer } from "../answerer.js";
import { standalone } from "../../condense/condense.js";
import { toCitation } from "../citations.js";
import { ExtractiveAnswerer } from "../extractive/extractive-answerer.js";
import { LlmAnswerer } from "./llm-answerer.js";

const PASSAGES = [
  "Trump and Putin spoke by telephone for two hours on Tuesday and discussed a ceasefire in Ukraine.",
  "European leaders met in Paris and promised 40 billion euros of military aid for Kyiv.",
  "The peace plan proposes a demilitarised zone along the front line, monitored by neutral observers.",
];
const HITS: Hit[] = PASSAGES.map((text, i) => ({
  chunk: { id: `doc-${i + 1}.md#0`, source: `doc-${i + 1}.md`, title: `Doc ${i + 1}`, page: null, date: null, start: 0, end: text.length, text },
  score: 1 - i / 10,
  via: "hybrid",
}));
const QUESTION = standalone("How long did Trump and Putin speak?");

/** Stands in for the extractive answerer: one fixed sentence citing the first passage. */
const FALLBACK: Answerer = {
  name: "stand-in",
  async *answer(_question, hits) {
    const citations = [toCitation(hits[0]!, 1)];
    yield { type: "citations", citations };
    yield { type: "token", text: "Fallback answer [1]." };
    const answer: Composition = {
      answer: "Fallback answer [1].",
      abstained: false,
      citations,
      related: [],
      generator: "extractive",
      unsupported: [],
    };
    yield { type: "done", answer };
  },
};

/** The real pre-check: the extractive composer's abstention model (without word vectors). */
const PRECHECK = new ExtractiveAnswerer();

async function collect(events: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const done = (events: AnswerEvent[]): Composition => {
  const last = events.at(-1);
  assert.equal(last?.type, "done", "the last event is done");
  return (last as Extract<AnswerEvent, { type: "done" }>).answer;
};
const tokens = (events: AnswerEvent[]) => events.flatMap((e) => (e.type === "token" ? [e.text] : []));
const types = (events: AnswerEvent[]) => events.map((e) => e.type).filter((t, i, all) => t !== "token" || all[i - 1] !== "token");

describe("LlmAnswerer against a fake OpenAI-compatible server", () => {
  let fake: FakeOpenAIServer;
  let client: OpenAI;
  let prompts: Prompts;
  before(async () => {
    fake = await FakeOpenAIServer.start();
    client = createOpenAIClient({ apiKey: undefined, baseURL: fake.baseURL, timeoutMs: 5_000, maxRetries: 0 });
    prompts = await loadPrompts();
  });
  afterEach(() => fake.reset());
  after(() => fake.close());

  const answerer = (overrides: Partial<ConstructorParameters<typeof LlmAnswerer>[0]> = {}) =>
    new LlmAnswerer({
      client,
      model: "test-model",
      prompts,
      fallback: FALLBACK,
      precheck: PRECHECK,
      maxRetries: 2,
      // Generous, so a loaded machine cannot turn a normal reply into a timeout; timeout tests lower it.
      timeoutMs: 5_000,
      backoff: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1_000 },
      ...overrides,
    });
  const ask = (replies: FakeReply[], overrides = {}, hits = HITS) => {
    fake.script("chat", ...replies);
    return collect(answerer(overrides).answer(QUESTION, hits));
  };

  test("LlmAnswerer · streamed reply · citations, then model tokens in order, then the verified done", async () => {
    const chunks = ["Trump and Putin ", "spoke by telephone ", "for two hours [1]."];
    const events = await ask([{ type: "chat", content: chunks.join(""), chunks }]);
    assert.deepEqual(types(events), ["citations", "token", "done"]);
    assert.deepEqual(tokens(events), chunks);
    const first = events[0] as Extract<AnswerEvent, { type: "citations" }>;
    assert.deepEqual(
      first.citations.map((c) => c.chunkId),
      ["doc-1.md#0", "doc-2.md#0", "doc-3.md#0"],
    );
    const answer = done(events);
    assert.equal(answer.answer, "Trump and Putin spoke by telephone for two hours [1].");
    assert.deepEqual([answer.generator, answer.abstained, answer.unsupported], ["openai:test-model", false, []]);
    assert.deepEqual(
      answer.citations.map((c) => [c.id, c.chunkId]),
      [[1, "doc-1.md#0"]],
    );
  });

  test("LlmAnswerer · request · streams from the model with passages as numbered data blocks and the question", async () => {
    await ask([{ type: "chat", content: "Two hours [1]." }]);
    const [request] = fake.requestsTo("chat");
    const body = request!.body as { model: string; stream: boolean; messages: { role: string; content: string }[] };
    assert.deepEqual([body.model, body.stream], ["test-model", true]);
    const [system, user] = body.messages;
    assert.equal(system?.role, "system");
    assert.match(system!.content, /NO_ANSWER/);
    assert.match(user!.content, /<passage id="2" title="Doc 2" source="doc-2\.md">\nEuropean leaders met/);
    assert.match(user!.content, /Question: How long did Trump and Putin speak\?$/);
    assert.equal(request!.headers.authorization, "Bearer not-needed");
  });

  test("LlmAnswerer · marker [7] with 3 passages · repaired to the passage that supports the sentence", async () => {
    const answer = done(await ask([{ type: "chat", content: "The plan proposes a demilitarised zone monitored by neutral observers [7]." }]));
    assert.equal(answer.answer, "The plan proposes a demilitarised zone monitored by neutral observers [1].");
    assert.deepEqual(
      answer.citations.map((c) => c.chunkId),
      ["doc-3.md#0"],
    );
  });

  test("LlmAnswerer · sentence its passage does not support · kept and flagged in unsupported", async () => {
    const reply = "They spoke for two hours [1]. European leaders promised 90 billion euros [2].";
    const answer = done(await ask([{ type: "chat", content: reply }]));
    assert.equal(answer.answer, reply);
    assert.deepEqual(answer.unsupported, ["European leaders promised 90 billion euros [2]."]);
  });

  test("LlmAnswerer · refusal token split across chunks · no token events, abstained with passages as related", async () => {
    const chunks = ["NO_", "ANSWER", " The documents do not cover this."];
    const events = await ask([{ type: "chat", content: chunks.join(""), chunks }]);
    assert.deepEqual(types(events), ["citations", "done"]);
    const answer = done(events);
    assert.deepEqual([answer.abstained, answer.answer, answer.citations], [true, "The documents do not cover this.", []]);
    assert.equal(answer.related.length, 3);
  });

  test("LlmAnswerer · 500 on every attempt · 3 requests then the fallback, flagged, with no model events", async () => {
    const failure: FakeReply = { type: "error", status: 500, message: "internal detail: shard 7 on fire" };
    const events = await ask([failure, failure, failure]);
    assert.equal(fake.requestsTo("chat").length, 3);
    assert.deepEqual(types(events), ["citations", "token", "done"]);
    assert.deepEqual(tokens(events), ["Fallback answer [1]."]);
    assert.equal(done(events).generator, "extractive (fallback: upstream 500)");
    assert.doesNotMatch(JSON.stringify(events), /shard 7|internal detail/, "no upstream message reaches the user");
  });

  test("LlmAnswerer · 429 with retry-after-ms then success · waits as told and answers", async () => {
    const events = await ask([
      { type: "error", status: 429, retryAfterMs: 150 },
      { type: "chat", content: "Two hours [1]." },
    ]);
    const [first, second] = fake.requestsTo("chat");
    assert.ok(second!.receivedAt - first!.receivedAt >= 140, `waited ${second!.receivedAt - first!.receivedAt} ms`);
    assert.equal(done(events).generator, "openai:test-model");
  });

  test("LlmAnswerer · 429 asking to wait beyond the cap · falls back at once", async () => {
    const events = await ask([{ type: "error", status: 429, retryAfter: "30" }]);
    assert.equal(fake.requestsTo("chat").length, 1);
    assert.equal(done(events).generator, "extractive (fallback: upstream 429)");
  });

  test("LlmAnswerer · 400 · not retried, falls back", async () => {
    const events = await ask([{ type: "error", status: 400 }]);
    assert.equal(fake.requestsTo("chat").length, 1);
    assert.equal(done(events).generator, "extractive (fallback: upstream 400)");
  });

  test("LlmAnswerer · headers slower than timeoutMs · retried, then the fallback with a timeout reason", async () => {
    const slow: FakeReply = { type: "chat", content: "Too late [1].", delayMs: 1_500 };
    const started = Date.now();
    const events = await ask([slow, slow], { timeoutMs: 150, maxRetries: 1 });
    assert.ok(Date.now() - started < 1_400, `took ${Date.now() - started} ms`);
    assert.equal(fake.requestsTo("chat").length, 2);
    assert.equal(done(events).generator, "extractive (fallback: upstream timeout)");
  });

  test("LlmAnswerer · stream stalls after a token · the fallback's done replaces the partial text", async () => {
    const events = await ask([{ type: "chat", content: "Trump and Putin spoke [1].", stallAfterChunks: 2 }], { timeoutMs: 400 });
    assert.deepEqual(types(events), ["citations", "token", "done"]);
    assert.deepEqual(tokens(events), ["Trump ", "and "]);
    assert.equal(done(events).generator, "extractive (fallback: upstream timeout)");
    assert.equal(done(events).answer, "Fallback answer [1].");
  });

  test("LlmAnswerer · connection cut mid-stream · falls back with a stream reason", async () => {
    const events = await ask([{ type: "chat", content: "Trump and Putin spoke [1].", breakAfterChunks: 1 }]);
    assert.deepEqual(tokens(events), ["Trump "]);
    assert.equal(fake.requestsTo("chat").length, 1, "a started stream is not retried");
    assert.equal(done(events).generator, "extractive (fallback: upstream stream broken)");
  });

  test("LlmAnswerer · model answer with no valid marker · falls back instead of showing an uncited answer", async () => {
    const events = await ask([{ type: "chat", content: "They spoke for a while." }]);
    assert.equal(done(events).generator, "extractive (fallback: uncited model answer)");
  });

  test("LlmAnswerer · server unreachable · falls back with a connection reason", async () => {
    const gone = await FakeOpenAIServer.start();
    const baseURL = gone.baseURL;
    await gone.close();
    const events = await collect(
      answerer({ client: createOpenAIClient({ apiKey: "k", baseURL, timeoutMs: 500, maxRetries: 0 }), maxRetries: 1 }).answer(QUESTION, HITS),
    );
    assert.equal(done(events).generator, "extractive (fallback: upstream unreachable)");
  });

  test("LlmAnswerer · no passages · abstains without calling the model", async () => {
    const events = await ask([], {}, []);
    assert.deepEqual([done(events).abstained, done(events).generator], [true, "openai:test-model"]);
    assert.equal(fake.requests.length, 0);
  });

  test("LlmAnswerer · question no passage could answer · the pre-check's abstention, zero model calls", async () => {
    fake.script("chat", { type: "chat", content: "France won it [1]." });
    const events = await collect(answerer().answer(standalone("Who won the football world cup in 1998?"), HITS));
    assert.deepEqual(types(events), ["citations", "done"]);
    const answer = done(events);
    assert.deepEqual([answer.abstained, answer.generator, answer.citations], [true, "openai:test-model", []]);
    assert.equal(answer.answer, PRECHECK.abstention(standalone("Who won the football world cup in 1998?"), HITS)?.answer);
    assert.ok(answer.related.length > 0, "the nearest passages are listed as related");
    assert.equal(fake.requests.length, 0);
  });

  test("LlmAnswerer · question a passage answers · passes the pre-check, exactly one model call", async () => {
    assert.equal(PRECHECK.abstention(QUESTION, HITS), undefined);
    const answer = done(await ask([{ type: "chat", content: "They spoke for two hours [1]." }]));
    assert.equal(answer.abstained, false);
    assert.equal(fake.requestsTo("chat").length, 1);
  });

  test("LlmAnswerer · abort while waiting for headers · rejects with the abort and the upstream request is closed", async () => {
    fake.script("chat", { type: "hang" });
    const controller = new AbortController();
    const run = collect(answerer().answer(QUESTION, HITS, { signal: controller.signal }));
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await assert.rejects(run, { name: "AbortError" });
    assert.equal(await fake.requests[0]!.closed, "aborted");
    assert.equal(fake.requests.length, 1, "no retry after an abort");
  });

  test("LlmAnswerer · abort mid-stream · stops reading and closes the upstream request", async () => {
    fake.script("chat", { type: "chat", content: "one two three four five six [1].", chunkDelayMs: 30 });
    const controller = new AbortController();
    const seen: AnswerEvent[] = [];
    await assert.rejects(
      async () => {
        for await (const event of answerer().answer(QUESTION, HITS, { signal: controller.signal })) {
          seen.push(event);
          if (event.type === "token") controller.abort();
        }
      },
      { name: "AbortError" },
    );
    assert.deepEqual(tokens(seen), ["one "]);
    assert.equal(await fake.requests[0]!.closed, "aborted");
  });

  test("LlmAnswerer · consumer stops after the citations event · the upstream request is closed", async () => {
    fake.script("chat", { type: "chat", content: "one two three four five six [1].", chunkDelayMs: 30 });
    for await (const event of answerer().answer(QUESTION, HITS)) if (event.type === "citations") break;
    assert.equal(await fake.requests[0]!.closed, "aborted");
  });
});
