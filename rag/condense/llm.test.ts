import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import { FakeOpenAIServer } from "../../core/testing/fake-openai-server.js";
import type { Turn } from "../../core/types.js";
import { loadPrompts } from "../../prompts/load.js";
import { standalone, type Condense } from "./condense.js";
import { llmCondenser } from "./llm.js";
import { createOpenAIClient } from "../llm/openai-client.js";

const HISTORY: Turn[] = [
  { role: "user", content: "What did Trump and Putin discuss?" },
  { role: "assistant", content: "They discussed a ceasefire in Ukraine [1] and energy infrastructure [2]." },
];
const FOLLOW_UP = "And what did he say about NATO?";

describe("llmCondenser against a fake OpenAI-compatible server", () => {
  let fake: FakeOpenAIServer;
  let condense: Condense;
  let make: (timeoutMs: number) => Condense;
  const offline: { calls: [string, Turn[]][] } = { calls: [] };
  before(async () => {
    fake = await FakeOpenAIServer.start();
    const prompts = await loadPrompts();
    make = (timeoutMs) =>
      llmCondenser({
        client: createOpenAIClient({ apiKey: undefined, baseURL: fake.baseURL, timeoutMs, maxRetries: 0 }),
        model: "test-model",
        prompts,
        fallback: (question, history) => {
          offline.calls.push([question, history]);
          return { question: `offline: ${question}`, carried: [] };
        },
        timeoutMs,
        maxTurns: 2,
        maxTurnChars: 60,
      });
    // Generous, so a loaded machine cannot turn a normal reply into a timeout.
    condense = make(5_000);
  });
  afterEach(async () => {
    await fake.reset();
    offline.calls.length = 0;
  });
  after(() => fake.close());

  const sentPrompt = () => (fake.requestsTo("chat")[0]!.body.messages as { content: string }[])[0]!.content;

  test("llmCondenser · no history · returns the question without calling the model", async () => {
    assert.deepEqual(await condense(FOLLOW_UP, []), standalone(FOLLOW_UP));
    assert.equal(fake.requests.length, 0);
  });

  test("llmCondenser · follow-up · sends the conversation and returns the model's question without label or quotes", async () => {
    fake.script("chat", { type: "chat", content: 'Standalone question: "What did Putin say about NATO in his call with Trump?"\n' });
    assert.deepEqual(await condense(FOLLOW_UP, HISTORY), standalone("What did Putin say about NATO in his call with Trump?"));
    const prompt = sentPrompt();
    assert.match(prompt, /user: What did Trump and Putin discuss\?\nassistant: They discussed a ceasefire in Ukraine and energy/);
    assert.match(prompt, /Follow-up question: And what did he say about NATO\?/);
    assert.doesNotMatch(prompt, /\[1\]/, "citation markers are not part of the conversation text");
    assert.equal(fake.requestsTo("chat")[0]!.body.stream, undefined);
  });

  test("llmCondenser · long history · keeps only the last turns, each shortened", async () => {
    fake.script("chat", { type: "chat", content: "Q?" });
    const long: Turn[] = [{ role: "user", content: "very first question about oil" }, ...HISTORY, { role: "user", content: "x ".repeat(100) }];
    await condense(FOLLOW_UP, long);
    const prompt = sentPrompt();
    assert.doesNotMatch(prompt, /very first question|What did Trump and Putin discuss/);
    assert.match(prompt, /assistant: They discussed/);
    assert.match(prompt, /user: (x ){29}x…\n/);
  });

  test("llmCondenser · upstream 500 · one request, then the offline rewrite of the same inputs", async () => {
    fake.script("chat", { type: "error", status: 500 });
    assert.deepEqual(await condense(FOLLOW_UP, HISTORY), standalone(`offline: ${FOLLOW_UP}`));
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(offline.calls, [[FOLLOW_UP, HISTORY]]);
  });

  test("llmCondenser · reply slower than timeoutMs · falls back quickly", async () => {
    fake.script("chat", { type: "chat", content: "Too late?", delayMs: 1_500 });
    const started = Date.now();
    assert.deepEqual(await make(150)(FOLLOW_UP, HISTORY), standalone(`offline: ${FOLLOW_UP}`));
    assert.ok(Date.now() - started < 1_200, `took ${Date.now() - started} ms`);
  });

  test("llmCondenser · blank reply · falls back", async () => {
    fake.script("chat", { type: "chat", content: '  \n "" \n' });
    assert.deepEqual(await condense(FOLLOW_UP, HISTORY), standalone(`offline: ${FOLLOW_UP}`));
  });

  test("llmCondenser · caller aborts · rejects with the abort instead of falling back", async () => {
    fake.script("chat", { type: "hang" });
    const controller = new AbortController();
    const run = condense(FOLLOW_UP, HISTORY, controller.signal);
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await assert.rejects(run, { name: "AbortError" });
    assert.deepEqual(offline.calls, []);
  });
});
