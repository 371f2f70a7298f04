import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hit } from "../../../core/types.js";
import { FakeEmbedder, openChunkStore, runIngest, type ChunkReader } from "../../../ingest/index.js";
import { assertCitationsConsistent, assertVerbatim } from "../composition.fixture.js";
import { ExtractiveAnswerer } from "./extractive-answerer.js";

/**
 * The composer over the real sample corpus (../shared/corpus), chunked by the real ingest pipeline and
 * retrieved with BM25 alone, so these tests do not move when the hybrid retriever is retuned.
 */
const CORPUS = path.resolve(import.meta.dirname, "..", "..", "..", "..", "shared", "corpus");

let indexDir: string;
let store: ChunkReader;
const answerer = new ExtractiveAnswerer();
const ask = async (question: string): Promise<{ hits: Hit[]; answer: ReturnType<ExtractiveAnswerer["compose"]> }> => {
  const hits = await store.lexical(question, 5);
  return { hits, answer: answerer.compose(question, hits) };
};

describe("ExtractiveAnswerer over the sample corpus", () => {
  before(async () => {
    indexDir = await mkdtemp(path.join(tmpdir(), "citebot-extractive-"));
    const embedder = new FakeEmbedder();
    await runIngest({ docsDir: CORPUS, indexDir, chunkSize: 1000, chunkOverlap: 200 }, { embedder });
    store = await openChunkStore(indexDir, embedder);
  });
  after(() => rm(indexDir, { recursive: true, force: true }));

  it("compose · sources that disagree on the borders · quotes 2014 and 1991 with their own citations", async () => {
    const { answer } = await ask("Which borders did Hegseth say it was unrealistic for Ukraine to return to?");
    assert.equal(answer.abstained, false);
    assert.match(answer.answer, /2014 borders/u);
    assert.match(answer.answer, /1991 borders/u);
    assert.ok(new Set(answer.citations.map((c) => c.source)).size >= 2, "both documents are cited");
    assertCitationsConsistent(answer);
    assertVerbatim(answer);
  });

  it("compose · a how-many question · quotes the figure", async () => {
    const { answer } = await ask("How many men a month is the Russian military recruiting?");
    assert.match(answer.answer, /30,000/u);
    assertVerbatim(answer);
  });

  it("compose · a two-part question · answers both parts from two documents", async () => {
    const { answer } = await ask("Who called any quick fix a dirty deal, and who warned that accepting a Trump–Putin solution would be a deadly trap?");
    assert.match(answer.answer, /Kallas/u);
    assert.match(answer.answer, /Šakalienė/u);
    assertCitationsConsistent(answer);
    assertVerbatim(answer);
  });

  it("compose · a question the corpus cannot answer · abstains with the nearest passages as related", async () => {
    const { hits, answer } = await ask("How many minutes did the Trump–Putin phone call last?");
    assert.ok(hits.length > 0, "retrieval found passages about the call");
    assert.equal(answer.abstained, true);
    assert.deepEqual(answer.citations, []);
    assert.ok(answer.related.length > 0);
  });

  it("compose · a place the corpus never mentions · says which name is missing", async () => {
    const { answer } = await ask("What did Trump and Putin agree at their summit in Alaska?");
    assert.equal(answer.abstained, true);
    assert.match(answer.answer, /Alaska/u);
  });
});
