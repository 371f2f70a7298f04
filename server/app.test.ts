import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import type { AskResponse } from "../core/types.js";
import { stat } from "node:fs/promises";
import path from "node:path";
import { CORPUS_DIR } from "./testing/offline-env.js";
import { serveCorpus } from "./testing/corpus-server.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { expectError, postJson, rawGet } from "./testing/http.js";
import { startTestServer, type TestServer } from "./testing/start.js";

const CORPUS_FILES = [
  "000_d0fd3f2d0ffb221c.txt",
  "001_1248b569c60c7416.txt",
  "002_db37848fd773e428.txt",
  "003_1e6f86123f870b0f.txt",
  "004_26611eb6fa41d098.txt",
];

async function ask(url: string, body: unknown): Promise<AskResponse> {
  const res = await postJson(`${url}/api/ask`, body);
  assert.equal(res.status, 200);
  return (await res.json()) as AskResponse;
}

/** Issue 3's invariants: every [n] has a citation and every citation is referenced. */
function assertMarkersMatchCitations(body: AskResponse): void {
  const markers = new Set([...body.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  assert.deepEqual([...markers].sort(), body.citations.map((c) => c.id).sort());
}

describe("POST /api/ask over the sample corpus (real engine)", () => {
  const srv = serveCorpus();

  test("ask · corpus question · 200 with the issue 3 contract", async () => {
    const body = await ask(srv.url, { question: "What did Hegseth say the US would not provide to secure a future peace?" });
    assert.deepEqual(Object.keys(body).sort(), ["abstained", "answer", "citations", "generator", "model", "query", "related", "timings", "unsupported"]);
    assert.equal(body.abstained, false);
    assert.ok(body.citations.length >= 1);
    for (const c of body.citations) {
      assert.deepEqual(Object.keys(c).sort(), ["chunkId", "id", "page", "score", "source", "text", "title"]);
      assert.ok(CORPUS_FILES.includes(c.source), c.source);
      assert.ok(c.text.length > 0 && c.title.length > 0);
    }
    assertMarkersMatchCitations(body);
    assert.match(body.answer, /troops/);
    assert.deepEqual(body.model, { embeddings: srv.engine.health().embeddings, generator: "extractive" });
    assert.deepEqual(Object.keys(body.timings).sort(), ["generateMs", "retrieveMs", "totalMs"]);
    assert.ok(body.timings.totalMs >= body.timings.retrieveMs);
  });

  test("ask · question the corpus cannot answer · abstains with no citations", async () => {
    const body = await ask(srv.url, { question: "What is the capital of Australia?" });
    assert.equal(body.abstained, true);
    assert.deepEqual(body.citations, []);
    assert.doesNotMatch(body.answer, /\[\d+\]/);
    assert.ok(body.answer.length > 0, "says that the documents do not cover it");
  });

  test("ask · question spanning two documents · cites both", async () => {
    const body = await ask(srv.url, {
      question: "What did Hegseth say the US would not provide to secure a future peace, and what did he call standing up to Russia's war machine?",
    });
    const sources = new Set(body.citations.map((c) => c.source));
    assert.ok(sources.has("000_d0fd3f2d0ffb221c.txt") && sources.has("002_db37848fd773e428.txt"), [...sources].join());
    assert.match(body.answer, /troops/);
    assert.match(body.answer, /European responsibility/);
    assertMarkersMatchCitations(body);
  });

  test("ask · sources that disagree · both figures, each with its own citation", async () => {
    const body = await ask(srv.url, { question: "Which borders did Hegseth say it was unrealistic for Ukraine to return to?" });
    const citing = (figure: string) => body.citations.filter((c) => c.text.includes(figure)).map((c) => c.source);
    assert.match(body.answer, /2014 borders/);
    assert.match(body.answer, /1991 borders/);
    assert.ok(citing("2014 borders").includes("000_d0fd3f2d0ffb221c.txt"));
    assert.ok(citing("1991 borders").includes("001_1248b569c60c7416.txt"));
    assertMarkersMatchCitations(body);
  });

  test("health · ready · describes the five-document index", async () => {
    const res = await fetch(`${srv.url}/api/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ["chunks", "documents", "embeddings", "generator", "indexBuiltAt", "status"]);
    assert.equal(body.status, "ok");
    assert.equal(body.documents, 5);
    assert.ok(typeof body.chunks === "number" && body.chunks >= 5);
    assert.ok(!Number.isNaN(Date.parse(String(body.indexBuiltAt))));
  });

  test("documents · ready · one entry per corpus file with its title and date", async () => {
    const res = await fetch(`${srv.url}/api/documents`);
    assert.equal(res.status, 200);
    const { documents } = (await res.json()) as { documents: { source: string; title: string; date: string | null }[] };
    assert.deepEqual(
      documents.map((d) => d.source),
      CORPUS_FILES,
    );
    assert.ok(documents.every((d) => d.title.length > 0 && (d.date === null || /^\d{4}-\d{2}-\d{2}$/.test(d.date))));
    const files = await Promise.all(CORPUS_FILES.map((f) => stat(path.join(CORPUS_DIR, f))));
    for (const [i, d] of (documents as unknown as { chunks: number; bytes: number; indexedAt: string }[]).entries()) {
      assert.ok(d.chunks >= 1);
      assert.equal(d.bytes, files[i]!.size, "the size of the file as indexed");
      assert.ok(!Number.isNaN(Date.parse(d.indexedAt)));
    }
    const chunks = (documents as unknown as { chunks: number }[]).reduce((n, d) => n + d.chunks, 0);
    assert.equal(chunks, srv.engine.health().chunks);
  });

  test("demo page · ready · lists the titles of the corpus documents, HTML-escaped", async () => {
    const html = await (await fetch(`${srv.url}/`)).text();
    assert.match(html, /Trump&#39;s call with Putin plunges European powers into crisis/);
    assert.equal(html.match(/<li>/g)?.length, 5);
  });

  test("ask · malformed JSON · 400 BAD_REQUEST", async () => {
    const res = await fetch(`${srv.url}/api/ask`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"question": "x",' });
    assert.match(await expectError(res, 400, "BAD_REQUEST"), /malformed json/i);
  });

  test("ask · empty, whitespace, missing or too long question · 400 naming the field", async () => {
    for (const body of [{ question: "" }, { question: " \n\t " }, {}, { question: "x".repeat(2001) }]) {
      const message = await expectError(await postJson(`${srv.url}/api/ask`, body), 400, "BAD_REQUEST");
      assert.match(message, /question/);
    }
    const atLimit = await postJson(`${srv.url}/api/ask`, { question: "x".repeat(2000) });
    assert.equal(atLimit.status, 200, "2,000 characters is allowed");
  });

  test("ask · wrong types · 400 naming each bad field path", async () => {
    const cases: [unknown, RegExp][] = [
      [{ question: 42 }, /question/],
      [{ question: "ok", topK: "5" }, /topK: must be a number/],
      [{ question: "ok", topK: 2.5 }, /topK: must be an integer/],
      [{ question: "ok", history: "none" }, /history/],
      [{ question: "ok", history: [{ role: "system", content: "x" }] }, /history\.0\.role/],
      [{ question: "ok", history: [{ role: "user", content: 1 }] }, /history\.0\.content/],
      [["question"], /JSON object/],
      ["question", /JSON object/],
    ];
    for (const [body, pattern] of cases) {
      const message = await expectError(await postJson(`${srv.url}/api/ask`, body), 400, "BAD_REQUEST");
      assert.match(message, pattern, JSON.stringify(body));
    }
  });

  test("ask · topK 0 and 21 · 400", async () => {
    for (const topK of [0, 21, -1]) {
      const message = await expectError(await postJson(`${srv.url}/api/ask`, { question: "ok", topK }), 400, "BAD_REQUEST");
      assert.match(message, /topK: must be from 1 to 20/);
    }
  });

  test("ask · too many history turns · 400", async () => {
    const history = Array.from({ length: 21 }, () => ({ role: "user", content: "hi" }));
    assert.match(await expectError(await postJson(`${srv.url}/api/ask`, { question: "ok", history }), 400, "BAD_REQUEST"), /history/);
  });

  test("ask · body that is not JSON · 415", async () => {
    const plain = await fetch(`${srv.url}/api/ask`, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "question" });
    assert.match(await expectError(plain, 415, "UNSUPPORTED_MEDIA_TYPE"), /application\/json/);
    const form = await fetch(`${srv.url}/api/ask`, { method: "POST", body: new URLSearchParams({ question: "x" }) });
    await expectError(form, 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectError(await fetch(`${srv.url}/api/ask`, { method: "POST" }), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  test("api · unknown route or method · 404 JSON", async () => {
    await expectError(await fetch(`${srv.url}/api/nope`), 404, "NOT_FOUND");
    await expectError(await fetch(`${srv.url}/api/ask`), 404, "NOT_FOUND");
  });

  test("app · any response · security headers, no x-powered-by, request id echoed", async () => {
    const res = await fetch(`${srv.url}/api/health`, { headers: { "X-Request-Id": "trace-123" } });
    assert.equal(res.headers.get("x-powered-by"), null);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("x-request-id"), "trace-123");
    const fresh = await fetch(`${srv.url}/api/health`, { headers: { "X-Request-Id": "bad id with spaces" } });
    assert.match(fresh.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  });
});

describe("POST /api/ask passes the request through (stand-in engine)", () => {
  const engine = createStandInEngine();
  let srv: TestServer;
  before(async () => (srv = await startTestServer(engine)));
  after(() => srv.close());

  test("request log · a request · one line with its id, method, url and status, and no headers", async () => {
    assert.equal((await postJson(`${srv.url}/api/ask?from=test`, { question: "hi" }, { "X-Request-Id": "log-1", Cookie: "secret=1" })).status, 200);
    const line = srv.logs.find((l) => (l.req as { id?: string } | undefined)?.id === "log-1");
    assert.ok(line, "the request is logged");
    assert.equal(line.msg, "request completed");
    assert.deepEqual(line.req, { id: "log-1", method: "POST", url: "/api/ask?from=test" });
    assert.deepEqual(line.res, { statusCode: 200 });
    assert.doesNotMatch(JSON.stringify(line), /secret/);
  });

  test("ask · padded question · trimmed before it reaches the engine", async () => {
    assert.equal((await postJson(`${srv.url}/api/ask`, { question: "  How long?\n " })).status, 200);
    assert.equal(engine.requests.at(-1)?.question, "How long?");
  });

  test("ask · topK and history · passed to the engine", async () => {
    const history = [
      { role: "user", content: "Who called whom?" },
      { role: "assistant", content: "Trump called Putin [1]." },
    ];
    for (const topK of [1, 20]) {
      const res = await postJson(`${srv.url}/api/ask`, { question: "and then?", topK, history });
      assert.equal(res.status, 200);
      assert.deepEqual(engine.requests.at(-1), { question: "and then?", topK, history });
    }
  });
});

describe("GET /widget.js and / (stand-in engine)", () => {
  const engine = createStandInEngine();
  let srv: TestServer;
  before(async () => (srv = await startTestServer(engine)));
  after(() => srv.close());

  test("widget.js · gzip accepted · one small minified script, cacheable, with ETag", async () => {
    const res = await fetch(`${srv.url}/widget.js`, { headers: { "Accept-Encoding": "gzip" } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/javascript/);
    assert.match(res.headers.get("cache-control") ?? "", /max-age/);
    const etag = res.headers.get("etag");
    assert.ok(etag);
    const code = await res.text(); // fetch decodes gzip
    // esbuild keeps the CSS template's line breaks, but a minified bundle has no indented line.
    assert.ok(code.length > 2000 && !/\n[ \t]+\S/.test(code), "a minified bundle");
    const { body: bytes } = await rawGet(`${srv.url}/widget.js`, { "Accept-Encoding": "gzip" });
    assert.ok(bytes.length < 15 * 1024, `gzipped widget is ${bytes.length} bytes (budget: 15 KB)`);
    assert.equal(gunzipSync(bytes).toString(), code);
    const cached = await rawGet(`${srv.url}/widget.js`, { "If-None-Match": etag });
    assert.equal(cached.status, 304);
    assert.equal(cached.body.length, 0);
  });

  test("demo page · ready · embeds the widget, a CSP and the documents", async () => {
    const res = await fetch(`${srv.url}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    const html = await res.text();
    assert.match(html, /<script src="\/widget\.js"[^>]*defer><\/script>/);
    assert.match(html, /Leaders spoke on the phone/);
    assert.match(html, /1 document, 1 passage,/);
  });
});
