import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { ABSTENTION, UNANSWERABLE, cite, goldItem, response } from "../response.fixture.js";
import { shownPassages } from "../runners/runner.js";
import { scoreQuestion } from "../score.js";
import { summarize } from "../summary.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { describeMisses, type Report, type Suite } from "./report.js";
import { writeLatest, writeReports } from "./write.js";

const hostile = response({ answer: `<script>alert("x")</script> 2014 unrealistic [1]`, citations: [cite(1, `<img src=x onerror=alert(1)>`)] });
const score = (item = goldItem({ id: "sf-01" }), r = response()) => scoreQuestion(item, { response: r, retrieved: shownPassages(r) }, 5);
const ours = [score(), score(goldItem({ id: "sf-02", split: "heldout", question: "Q <b>bold</b> | pipe" }), hostile), score(UNANSWERABLE, ABSTENTION)];
const base = [score(goldItem({ id: "sf-01" }), ABSTENTION), score(goldItem({ id: "sf-02", split: "heldout" })), score(UNANSWERABLE)];
const report: Report = {
  createdAt: "2025-01-01T00:00:00.000Z",
  corpus: { name: "news", role: "split", kind: "news articles", documents: 5, chunks: 73 },
  gold: "eval/gold.jsonl",
  k: 5,
  split: "all",
  runs: [
    { name: "citebot", settings: { chunkSize: 800 }, retrieval: "retriever", summary: summarize(ours), results: ours },
    { name: "baseline", settings: { chunkSize: 1000 }, retrieval: "shown", summary: summarize(base), results: base },
  ],
  gate: { checked: true, thresholds: 9, failures: [{ run: "citebot", metric: "factRecall", value: 0.5, threshold: 0.85, kind: "min" }] },
};

const heldout: Report = { ...report, corpus: { name: "manuals", role: "heldout", kind: "PDF manuals", documents: 7, chunks: 900 }, gate: undefined };
const suite: Suite = { createdAt: report.createdAt, k: 5, reports: [report, heldout] };

test("describeMisses · false abstention · names it and the missed evidence", () => {
  const misses = describeMisses(base[0]!, 5);
  assert.ok(misses.includes("abstained on an answerable question"));
  assert.ok(misses.includes("evidence not retrieved"));
});

test("renderMarkdown · two runs · side-by-side columns for all, tune and held-out, gate failure and misses listed", () => {
  const md = renderMarkdown(suite);
  assert.match(md, /\| metric \| citebot · all \(n=3\) \| citebot · tune \(n=1\) \| citebot · heldout \(n=2\) \| baseline · all \(n=3\) \|/);
  assert.match(md, /\| hit@5 \| 0\.50 \| 1\.00 \| 0\.00 \| 0\.50 \| 0\.00 \| 1\.00 \|/);
  assert.match(md, /\*\*citebot\*\* factRecall = 0\.50 < 0\.85/);
  assert.match(md, /\*\*un-01\*\* .* answered a question the documents cannot answer/);
  assert.match(md, /\*\*sf-02\*\* \(single-fact, heldout\) Q <b>bold<\/b> \| pipe — evidence not retrieved; unsupported: /);
  assert.doesNotMatch(renderMarkdown(suite, { withQuestions: false }), /Questions with a miss/);
  assert.match(md, /\| retrieval metrics on \| retriever's top-k \| retriever's top-k \| retriever's top-k \| passages shown \(citations \+ related\) \|/);
  assert.match(md, /### news · baseline\n\nSettings: .*\n\nRetrieval metrics computed on the passages shown \(citations \+ related\)\./);
});

test("renderHtml · hostile answer and passage text · escaped, no script or tag injected, chart per type", () => {
  const html = renderHtml(suite);
  assert.doesNotMatch(html, /<script>alert/);
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  assert.match(html, /Q &lt;b&gt;bold&lt;\/b&gt;/);
  assert.match(html, /<div>single-fact \(2\)<\/div>/);
  assert.match(html, /<div>unanswerable \(1\)<\/div>/);
  assert.match(html, /<style>/);
  assert.match(html, /retrieval metrics on the retriever&#39;s top-k\./);
  assert.doesNotMatch(html, /<link|<script/, "self-contained and script-free");
});

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

test("writeReports and writeLatest · temp folder · three reports, slim latest without answers", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "report-"));
  dirs.push(dir);
  const files = await writeReports(suite, path.join(dir, "out"));
  assert.deepEqual(
    files.map((f) => path.basename(f)),
    ["report.json", "report.md", "report.html"],
  );
  assert.equal(JSON.parse(await readFile(files[0]!, "utf8")).reports[0].runs[0].results.length, 3);
  const [json] = await writeLatest(suite, path.join(dir, "results"));
  const latest = JSON.parse(await readFile(json!, "utf8"));
  assert.equal(latest.reports[0].runs[0].results, undefined);
  assert.deepEqual(latest.reports[0].runs[0].missed, ["sf-02"]);
  assert.deepEqual(latest.reports[0].runs[1].missed, ["sf-01", "un-01"]);
});

test("renderMarkdown and renderHtml · a suite · held-out corpus summarised first, one section per corpus", () => {
  const md = renderMarkdown(suite);
  assert.ok(md.indexOf("| manuals (heldout, 7, 900) | citebot |") < md.indexOf("| news (split, 5, 73) | citebot |"));
  assert.ok(md.indexOf("## manuals (heldout") < md.indexOf("## news (split"));
  assert.match(md, /\| answer-first recall \|/);
  assert.match(md, /\| answer words p50 \/ p90 \|/);
  const html = renderHtml(suite);
  assert.ok(html.indexOf('<section id="manuals">') < html.indexOf('<section id="news">'));
  assert.match(html, /id="failures-only"/);
  assert.match(html, /body:has\(#failures-only:checked\) table\.questions tr\.pass\{display:none\}/);
  assert.match(html, /<th>citebot<\/th><th>baseline<\/th>/, "ours beside the baseline per question");
});
