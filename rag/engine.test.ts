import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { loadConfig, type Config } from "../core/config.js";
import type { EngineEvent, Hit } from "../core/types.js";
import { createEmbedder, runIngest, type Embedder } from "../ingest/index.js";
import { collect } from "./answer/collect.js";
import { createEngine, type CitebotEngine } from "./engine.js";
import type { StandaloneQuestion } from "./condense/condense.js";
import type { Postprocessor } from "./postprocess/postprocessor.js";
import { isRankedHit } from "./retrieve/ranked-hit.js";

// Three small documents on unrelated topics, so the right source of each answer is known.
const DOCS = {
  "glaciers.md":
    "# Alpine glaciers\n\nThe Aletsch glacier is the largest glacier in the Alps. It is about 20 kilometres long.\n\n" +
    "Since 1850 the Aletsch glacier has retreated by more than three kilometres, and its ice has thinned by 300 metres.\n",
  "bees.txt":
    "Honey bees\n\nA honey bee colony keeps its brood nest at about 35 degrees. Foragers perform a waggle dance that " +
    "tells nestmates the direction and distance of flowers. A strong colony can hold 60,000 workers in summer.\n",
  "trains.html":
    "<html><head><title>Night trains</title></head><body><h1>Night trains</h1><p>The Vienna to Hamburg sleeper " +
    "leaves at nine in the evening and arrives after breakfast. Couchette compartments hold six berths.</p></body></html>",
};
// The real word-vector cache of the repo (built once, reused by every run).
const CACHE_DIR = path.resolve(import.meta.dirname, "../.data/cache");

describe("createEngine · offline default over a three-document corpus", () => {
  let dir: string;
  let config: Readonly<Config>;
  let embedder: Embedder;
  let engine: CitebotEngine;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-engine-"));
    await mkdir(path.join(dir, "docs"));
    for (const [name, text] of Object.entries(DOCS)) await writeFile(path.join(dir, "docs", name), text);
    config = loadConfig({ DOCS_DIR: path.join(dir, "docs"), INDEX_DIR: path.join(dir, "index"), CACHE_DIR });
    embedder = await createEmbedder(config);
    await runIngest({ ...config.ingest }, { embedder });
    engine = await createEngine(config, { embedder });
  });
  after(async () => {
    await engine?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("engine · question about one document · answered and cited from that document", async () => {
    const res = await collect(engine.ask({ question: "How far has the Aletsch glacier retreated since 1850?" }));
    assert.equal(res.abstained, false);
    assert.equal(res.citations[0]?.source, "glaciers.md");
    assert.match(res.answer, /three kilometres/);
    assert.match(res.answer, /\[1\]/);
    assert.equal(res.query, "How far has the Aletsch glacier retreated since 1850?");
    assert.deepEqual(res.model, { embeddings: embedder.id, generator: "extractive" });
  });

  test("engine · events · citations first, then tokens, one done last with timings that add up", async () => {
    const events: EngineEvent[] = [];
    for await (const e of engine.ask({ question: "What does the waggle dance of honey bee foragers tell?" })) events.push(e);
    assert.equal(events[0]?.type, "citations");
    assert.ok(events.slice(1, -1).every((e) => e.type === "token"));
    const done = events.at(-1);
    assert.equal(done?.type, "done");
    if (done?.type !== "done") return;
    assert.equal(done.response.citations[0]?.source, "bees.txt");
    const { retrieveMs, generateMs, totalMs } = done.response.timings;
    for (const t of [retrieveMs, generateMs, totalMs]) assert.ok(Number.isFinite(t) && t >= 0, `timing ${t}`);
    assert.ok(Math.abs(retrieveMs + generateMs - totalMs) < 0.01, `${retrieveMs} + ${generateMs} vs ${totalMs}`);
  });

  test("engine · follow-up with a pronoun · rewritten with the previous question's subject and answered from it", async () => {
    const history = [
      { role: "user" as const, content: "How long is the Aletsch glacier?" },
      { role: "assistant" as const, content: "It is about 20 kilometres long. [1]" },
    ];
    const res = await collect(engine.ask({ question: "How much has its ice thinned?", history }));
    assert.notEqual(res.query, "How much has its ice thinned?");
    assert.match(res.query, /Aletsch/);
    assert.equal(res.citations[0]?.source, "glaciers.md");
    assert.match(res.answer, /300 metres/);
  });

  test("engine · question the documents cannot answer · abstains with no citations", async () => {
    const res = await collect(engine.ask({ question: "Who won the football world cup in 1998?" }));
    assert.equal(res.abstained, true);
    assert.deepEqual(res.citations, []);
  });

  test("engine · topK · bounds the passages given to the answerer; out of range or a blank question is a BAD_REQUEST", async () => {
    const res = await collect(engine.ask({ question: "When does the Vienna Hamburg sleeper leave?", topK: 1 }));
    const shown = [...res.citations, ...res.related];
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.source, "trains.html");
    await assert.rejects(collect(engine.ask({ question: "sleeper", topK: 21 })), { code: "BAD_REQUEST" });
    await assert.rejects(collect(engine.ask({ question: "  \n " })), { code: "BAD_REQUEST" });
  });

  test("engine · aborted signal · rejects with AbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(collect(engine.ask({ question: "sleeper train" }, controller.signal)), { name: "AbortError" });
  });

  test("engine · health and documents · describe the index it opened", () => {
    const h = engine.health();
    assert.equal(h.status, "ok");
    assert.equal(h.documents, 3);
    assert.ok(h.chunks >= 3);
    assert.equal(h.embeddings, embedder.id);
    assert.equal(h.generator, "extractive");
    assert.ok(!Number.isNaN(Date.parse(h.indexBuiltAt)));
    assert.deepEqual(
      engine.documents().map((d) => [d.source, d.title]),
      [
        ["bees.txt", "Honey bees"],
        ["glaciers.md", "Alpine glaciers"],
        ["trains.html", "Night trains"],
      ],
    );
  });

  test("createEngine · no index in INDEX_DIR · rejects with INDEX_NOT_READY", async () => {
    const missing = loadConfig({ DOCS_DIR: path.join(dir, "docs"), INDEX_DIR: path.join(dir, "nothing-here"), CACHE_DIR });
    await assert.rejects(createEngine(missing, { embedder }), { code: "INDEX_NOT_READY" });
  });

  test("createEngine · onRetrieve hook · sees the rewritten query and the hits the answerer gets", async () => {
    const calls: { query: string; hits: readonly unknown[] }[] = [];
    let answered: unknown[] = [];
    const answerer = {
      name: "probe",
      async *answer(_q: StandaloneQuestion, hits: unknown[]) {
        answered = hits;
        yield { type: "done" as const, answer: { answer: "", abstained: true, citations: [], related: [], generator: "probe", unsupported: [] } };
      },
    };
    const probe = await createEngine(config, { embedder, answerer, onRetrieve: (query, hits) => calls.push({ query, hits }) });
    const history = [{ role: "user" as const, content: "How long is the Aletsch glacier?" }];
    const res = await collect(probe.ask({ question: "How much has its ice thinned?", history, topK: 2 }));
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.query, res.query);
    assert.match(calls[0]?.query ?? "", /Aletsch/);
    assert.deepEqual(calls[0]?.hits, answered);
    assert.equal(answered.length, 2);
  });

  test("createEngine · injected postprocessors · run in order on the retriever's candidates; the answerer gets what they keep", async () => {
    const steps: { name: string; query: string; k: number; hits: readonly Hit[] }[] = [];
    const step = (name: string, keep: <T extends Hit>(hits: readonly T[]) => T[]): Postprocessor => ({
      name,
      postprocess: (query, hits, k) => {
        steps.push({ name, query, k, hits });
        return keep(hits);
      },
    });
    let answered: readonly Hit[] = [];
    const answerer = {
      name: "probe",
      async *answer(_q: StandaloneQuestion, hits: Hit[]) {
        answered = hits;
        yield { type: "done" as const, answer: { answer: "", abstained: true, citations: [], related: [], generator: "probe", unsupported: [] } };
      },
    };
    const onlyBees = step("only-bees", (hits) => hits.filter((h) => h.chunk.source === "bees.txt"));
    const probe = await createEngine(config, { embedder, answerer, postprocessors: [step("all", (hits) => [...hits]), onlyBees] });
    await collect(probe.ask({ question: "How long is the Aletsch glacier?", topK: 2 }));
    assert.deepEqual(
      steps.map((s) => [s.name, s.query, s.k]),
      [
        ["all", "How long is the Aletsch glacier?", 2],
        ["only-bees", "How long is the Aletsch glacier?", 2],
      ],
    );
    // The retriever hands over its whole pool, more than topK; the answerer sees only what the last step kept.
    assert.ok(steps[0]!.hits.length > 2);
    assert.ok(answered.length > 0 && answered.every((h) => h.chunk.source === "bees.txt"));
  });

  test("createEngine · injected answerer · receives the hybrid retriever's ranked hits", async () => {
    let seen: unknown[] = [];
    const answerer = {
      name: "probe",
      async *answer(_q: StandaloneQuestion, hits: unknown[]) {
        seen = hits;
        yield { type: "done" as const, answer: { answer: "", abstained: true, citations: [], related: [], generator: "probe", unsupported: [] } };
      },
    };
    const probe = await createEngine(config, { embedder, answerer });
    await collect(probe.ask({ question: "How many workers can a strong bee colony hold?" }));
    assert.ok(seen.length > 0 && seen.every((h) => isRankedHit(h as never)));
  });
});
