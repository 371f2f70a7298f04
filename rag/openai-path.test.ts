import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { loadConfig } from "../core/config.js";
import { FakeOpenAIServer } from "../core/testing/fake-openai-server.js";
import { createEmbedder, FakeEmbedder, runIngest } from "../ingest/index.js";
import { collect } from "./answer/collect.js";
import { createEngine, type CitebotEngine } from "./engine.js";

const DOCS = {
  "call.md": "# The call\n\nTrump and Putin spoke by telephone for two hours on Tuesday. They discussed a ceasefire in Ukraine.\n",
  "europe.md": "# Europe reacts\n\nEuropean leaders met in Paris and promised 40 billion euros of military aid for Kyiv.\n",
};

/**
 * The whole OpenAI-compatible path as configured by OPENAI_BASE_URL: ingest with its embeddings, then the
 * engine's follow-up rewrite, retrieval and streamed, verified answer, and the flagged fallback.
 */
describe("engine with OPENAI_BASE_URL set, against a fake OpenAI-compatible server", () => {
  const reference = new FakeEmbedder({ dim: 64 });
  let fake: FakeOpenAIServer;
  let dir: string;
  let engine: CitebotEngine;

  before(async () => {
    fake = await FakeOpenAIServer.start({ embed: (text) => reference.embedQuery(text) });
    dir = await mkdtemp(path.join(tmpdir(), "citebot-openai-path-"));
    await mkdir(path.join(dir, "docs"));
    for (const [name, text] of Object.entries(DOCS)) await writeFile(path.join(dir, "docs", name), text);
    const config = loadConfig({
      DOCS_DIR: path.join(dir, "docs"),
      INDEX_DIR: path.join(dir, "index"),
      CACHE_DIR: path.join(dir, "cache"),
      OPENAI_BASE_URL: fake.baseURL,
      EMBEDDING_MODEL: "fake-embed",
      CHAT_MODEL: "fake-chat",
      OPENAI_TIMEOUT_MS: "5000",
      OPENAI_MAX_RETRIES: "1",
    });
    const embedder = await createEmbedder(config);
    await runIngest({ ...config.ingest }, { embedder });
    engine = await createEngine(config);
  });
  afterEach(() => fake.reset());
  after(async () => {
    await engine?.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  const chatBodies = () => fake.requestsTo("chat").map((r) => r.body as { stream?: boolean; messages: { content: string }[] });

  test("engine · question · the model's streamed answer, verified, with both model names", async () => {
    fake.script("chat", { type: "chat", content: "Trump and Putin spoke by telephone for two hours [1]." });
    const res = await collect(engine.ask({ question: "How long did Trump and Putin speak?" }));
    assert.deepEqual(res.model, { embeddings: "openai:fake-embed", generator: "openai:fake-chat" });
    assert.equal(res.answer, "Trump and Putin spoke by telephone for two hours [1].");
    assert.equal(res.citations[0]?.source, "call.md", "marker [1] resolves to the passage sent as 1");
    assert.equal(engine.health().generator, "openai:fake-chat");
    assert.ok(fake.requestsTo("embeddings").length >= 1, "the query was embedded by the server");
    assert.match(chatBodies()[0]!.messages[1]!.content, /<passage id="1" title="The call" source="call\.md"[^>]*>/);
  });

  test("engine · follow-up with history · condensed by the model, then answered for the condensed question", async () => {
    fake.script(
      "chat",
      { type: "chat", content: "What did European leaders promise Kyiv?" },
      { type: "chat", content: "They promised 40 billion euros of military aid [1]." },
    );
    const history = [
      { role: "user" as const, content: "Where did European leaders meet?" },
      { role: "assistant" as const, content: "In Paris [1]." },
    ];
    const res = await collect(engine.ask({ question: "And what did they promise?", history }));
    assert.equal(res.query, "What did European leaders promise Kyiv?");
    assert.equal(res.citations[0]?.source, "europe.md");
    const [condense, answer] = chatBodies();
    assert.equal(condense?.stream, undefined, "the rewrite is a plain completion");
    assert.match(condense!.messages[0]!.content, /Follow-up question: And what did they promise\?/);
    assert.equal(answer?.stream, true);
    assert.match(answer!.messages[1]!.content, /Question: What did European leaders promise Kyiv\?$/);
  });

  test("engine · question the documents cannot answer · the extractive abstention model refuses, no chat request", async () => {
    fake.script("chat", { type: "chat", content: "France won it [1]." });
    const res = await collect(engine.ask({ question: "Who won the football world cup in 1998?" }));
    assert.deepEqual([res.abstained, res.citations, res.model.generator], [true, [], "openai:fake-chat"]);
    assert.equal(fake.requestsTo("chat").length, 0);
  });

  test("engine · question the documents answer · exactly one chat request", async () => {
    fake.script("chat", { type: "chat", content: "They spoke for two hours [1]." });
    const res = await collect(engine.ask({ question: "How long did Trump and Putin speak?" }));
    assert.equal(res.abstained, false);
    assert.equal(fake.requestsTo("chat").length, 1);
  });

  test("engine · model server failing with 503 · extractive answer flagged with the reason", async () => {
    fake.script("chat", { type: "error", status: 503 }, { type: "error", status: 503 });
    const res = await collect(engine.ask({ question: "How long did Trump and Putin speak?" }));
    assert.equal(res.model.generator, "extractive (fallback: upstream 503)");
    assert.equal(fake.requestsTo("chat").length, 2, "one try and OPENAI_MAX_RETRIES=1 retry");
    assert.ok(res.abstained || res.citations.length > 0);
  });
});
