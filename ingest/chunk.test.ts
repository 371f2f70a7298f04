import { Document } from "@langchain/core/documents";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Chunk, SourceDocument } from "../core/types.js";
import { chunkDocument } from "./chunk.js";
import { cleanDocument } from "./clean/index.js";
import { loadFile } from "./load/index.js";
import { makePdf } from "./load/pdf-fixture.js";
import { splitSentences } from "./text/sentences.js";

const CORPUS = join(import.meta.dirname, "../../shared/corpus");
const corpusDocs = readdirSync(CORPUS).map((name) => cleanDocument([new Document({ pageContent: readFileSync(join(CORPUS, name), "utf8") })], name));

const doc = (text: string, pages: SourceDocument["pages"] = []): SourceDocument => ({
  source: "d.txt",
  title: "T",
  date: null,
  text,
  pages,
});

function assertInvariants(d: SourceDocument, chunks: Chunk[], size: number, overlap: number): void {
  const sentenceStarts = new Set(splitSentences(d.text).map((s) => s.start));
  chunks.forEach((c, i) => {
    assert.equal(c.text, d.text.slice(c.start, c.end), `${c.id} offsets`);
    assert.ok(c.text.length <= size, `${c.id} is ${c.text.length} > ${size}`);
    assert.equal(c.id, `${d.source}#${i}`);
    const prev = chunks[i - 1];
    if (!prev) return;
    assert.ok(c.start > prev.start && c.end > prev.end, `${c.id} moves forward`);
    assert.ok(prev.end - c.start <= overlap, `${c.id} overlaps ${prev.end - c.start} > ${overlap}`);
    if (c.start < prev.end) assert.ok(sentenceStarts.has(c.start), `${c.id} overlap starts on a sentence`);
  });
  // Nothing is lost: every sentence lies inside some chunk.
  for (const s of splitSentences(d.text)) {
    assert.ok(chunks.some((c) => c.start <= s.start && s.end <= c.end) || s.end - s.start > size, s.text);
  }
}

describe("chunkDocument", () => {
  it("chunkDocument · sample corpus at several sizes · exact offsets, size and overlap limits, no sentence lost", () => {
    for (const [size, overlap] of [
      [400, 0],
      [800, 150],
      [1200, 300],
      [1500, 0],
    ] as const) {
      for (const d of corpusDocs) assertInvariants(d, chunkDocument(d, { chunkSize: size, chunkOverlap: overlap }), size, overlap);
    }
  });

  it("chunkDocument · sentences · whole sentences packed, overlap repeats the last whole sentences that fit", () => {
    const text = "One two three. Four five six. Seven eight nine. Ten eleven twelve.";
    const chunks = chunkDocument(doc(text), { chunkSize: 34, chunkOverlap: 16 });
    assert.deepEqual(
      chunks.map((c) => c.text),
      ["One two three. Four five six.", "Four five six. Seven eight nine.", "Ten eleven twelve."],
    );
    assert.deepEqual(
      chunkDocument(doc(text), { chunkSize: 34, chunkOverlap: 0 }).map((c) => c.text),
      ["One two three. Four five six.", "Seven eight nine.", "Ten eleven twelve."],
    );
  });

  it("chunkDocument · sentence longer than chunkSize · cut at word boundaries; a single huge word is hard-cut", () => {
    const chunks = chunkDocument(doc("alpha beta gamma delta epsilon zeta eta theta"), { chunkSize: 12, chunkOverlap: 0 });
    assert.deepEqual(
      chunks.map((c) => c.text),
      ["alpha beta", "gamma delta", "epsilon zeta", "eta theta"],
    );
    const huge = chunkDocument(doc("x".repeat(25)), { chunkSize: 10, chunkOverlap: 2 });
    assert.deepEqual(
      huge.map((c) => c.text.length),
      [10, 10, 5],
    );
  });

  it("chunkDocument · paged document · a chunk never spans two pages and reports its page", () => {
    const text = "Page one sentence. Another one.\n\nPage two sentence.";
    const pages = [
      { page: 1, start: 0, end: 31 },
      { page: 2, start: 33, end: 51 },
    ];
    const chunks = chunkDocument(doc(text, pages), { chunkSize: 1000, chunkOverlap: 100 });
    assert.deepEqual(
      chunks.map((c) => [c.page, c.text]),
      [
        [1, "Page one sentence. Another one."],
        [2, "Page two sentence."],
      ],
    );
    assert.equal(chunkDocument(doc("No pages here."), { chunkSize: 100, chunkOverlap: 0 })[0]?.page, null);
  });

  it("chunkDocument · generated 3-page PDF · right page numbers; header, page numbers and footnote marker gone", async () => {
    const pdf = await makePdf(
      [
        [
          "Alpha talks began in Brussels on Monday after long",
          "nego-",
          "tiations between the two sides.3 The alpha round",
          "ended late.",
          "",
          "3 Alpha minutes, 11 September 2024, https://example.org/alpha",
        ],
        ["Beta meetings followed in Paris with foreign ministers", "from six countries. The beta group agreed on aid."],
        ["Gamma summit closed the week. Leaders promised gamma", "reports within 48 hours."],
      ],
      { title: "Weekly Diplomacy Report", header: "Weekly Diplomacy Report · Issue 12", pageNumbers: true },
    );
    const d = cleanDocument(await loadFile(pdf, "report.pdf"), "report.pdf");
    const chunks = chunkDocument(d, { chunkSize: 120, chunkOverlap: 40 });
    assert.ok(chunks.length >= 3);
    for (const c of chunks) {
      const expectedPage = /alpha/iu.test(c.text) ? 1 : /beta/iu.test(c.text) ? 2 : 3;
      assert.equal(c.page, expectedPage, c.text);
      assert.equal(c.title, "Weekly Diplomacy Report");
      assert.doesNotMatch(c.text, /Issue 12|\b[123]$|sides\.3/u, c.text);
    }
    assert.match(d.text, /after long negotiations between the two sides\. The alpha round ended late\./u);
    assert.match(d.text, /within 48 hours\.$/u);
  });

  it("chunkDocument · same input twice · identical chunks; bad options rejected", () => {
    const d = corpusDocs[0]!;
    assert.deepEqual(chunkDocument(d, { chunkSize: 500, chunkOverlap: 50 }), chunkDocument(d, { chunkSize: 500, chunkOverlap: 50 }));
    assert.throws(() => chunkDocument(d, { chunkSize: 100, chunkOverlap: 100 }), RangeError);
    assert.throws(() => chunkDocument(d, { chunkSize: 0, chunkOverlap: 0 }), RangeError);
  });
});
