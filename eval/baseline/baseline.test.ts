import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { WordVectors } from "../../ingest/embed/embedder.js";
import { fnv1a } from "../../ingest/embed/word-index.js";
import { citationValidity } from "../metrics/citation-validity.js";
import { BaselineRunner } from "./baseline-runner.js";
import { loadBaselineChunks } from "./chunks.js";
import { cosine, meanPool } from "./mean-pool.js";

const DIM = 64;
/** Each word gets its own pseudo-random unit vector: words match only themselves. */
const fakeVectors: WordVectors = {
  wordVector(word) {
    let h = fnv1a(word);
    const v = new Float32Array(DIM).map(() => {
      h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
      return (h / 2 ** 32) * 2 - 1;
    });
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  },
  wordWeight: () => 1,
};

const MEETING = Array.from({ length: 12 }, (_, i) => `Sentence ${i} says the defence ministers met in Brussels on day ${i}.`).join(" ");
const COOKING = "Borscht is a beet soup. It is served hot with sour cream. Dill is added at the end.";

let dir = "";
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "baseline-"));
  await writeFile(path.join(dir, "meeting.txt"), `Ministers meet\n\n${MEETING}\n`);
  await writeFile(path.join(dir, "soup.txt"), `Soup\n\n${COOKING}\n`);
  await writeFile(path.join(dir, "notes.bin"), "not a document");
});
after(() => rm(dir, { recursive: true, force: true }));

describe("baseline chunks", () => {
  test("loadBaselineChunks · 200/50 over a long text · chunks within size, overlapping, unsupported files skipped", async () => {
    const chunks = await loadBaselineChunks(dir, { chunkSize: 200, chunkOverlap: 50 });
    const meeting = chunks.filter((c) => c.source === "meeting.txt");
    assert.ok(meeting.length >= 4, `${meeting.length} chunks`);
    assert.ok(chunks.every((c) => c.text.length <= 200));
    assert.ok(
      meeting.slice(1).some((c, i) => c.start < meeting[i]!.end),
      "consecutive chunks overlap",
    );
    assert.deepEqual([...new Set(chunks.map((c) => c.source))], ["meeting.txt", "soup.txt"], "unsupported files are skipped");
  });
});

describe("meanPool", () => {
  test("meanPool · a text and itself reordered · same unit vector; unrelated text · lower cosine", () => {
    const a = meanPool("ministers met in Brussels", fakeVectors, DIM);
    const b = meanPool("in Brussels ministers met", fakeVectors, DIM);
    assert.ok(Math.abs(cosine(a, b) - 1) < 1e-5);
    assert.ok(cosine(a, meanPool("beet soup with dill", fakeVectors, DIM)) < 0.5);
  });

  test("meanPool · no known word · zero vector, not NaN", () => {
    const none: WordVectors = { wordVector: () => undefined, wordWeight: () => 1 };
    assert.deepEqual([...meanPool("anything", none, 4)], [0, 0, 0, 0]);
  });
});

describe("BaselineRunner", () => {
  test("BaselineRunner · question about one document · retrieves it first and answers with valid markers", async () => {
    const runner = await BaselineRunner.open({ docsDir: dir, vectors: fakeVectors, dim: DIM, chunkSize: 200, chunkOverlap: 50, topK: 4 });
    const { response, retrieved } = await runner.ask({ question: "Which soup is served hot with sour cream?" });
    assert.equal(retrieved.length, 4);
    assert.equal(retrieved[0]?.source, "soup.txt");
    assert.equal(response.abstained, false);
    assert.deepEqual(citationValidity(response.answer, response.abstained, response.citations).problems, []);
    assert.ok(response.timings.totalMs >= response.timings.retrieveMs);
    assert.equal(runner.settings()["bm25"], false);
  });

  test("BaselineRunner · question the documents cannot answer · still answers (no abstention)", async () => {
    const runner = await BaselineRunner.open({ docsDir: dir, vectors: fakeVectors, dim: DIM, chunkSize: 200, chunkOverlap: 50, topK: 4 });
    const { response } = await runner.ask({ question: "Who won the 1998 football World Cup in Paris?" });
    assert.equal(response.abstained, false);
    assert.ok(response.citations.length >= 1);
  });
});
