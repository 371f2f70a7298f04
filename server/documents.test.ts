import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { pino } from "pino";
import { loadConfig } from "../core/config.js";
import type { AskResponse, Health } from "../core/types.js";
import { makePdf } from "../ingest/load/pdf-fixture.js";
import { startCitebot, type Citebot } from "./boot.js";
import type { Job } from "./ingest-jobs.js";
import { CORPUS_DIR, offlineEnv } from "./testing/offline-env.js";
import { expectError, postJson } from "./testing/http.js";
import { openApiChecker } from "./testing/openapi-checker.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { startTestServer } from "./testing/start.js";

const KEY = "test-admin-key-0123456789";
const AUTH = { Authorization: `Bearer ${KEY}` };
const PDF_LINES = ["Harbour report", "The Port of Valdren will dredge its harbour to a depth of 17 metres by 2031.", "The works will cost 240 million euros."];

function form(files: { name: string; bytes: Uint8Array | string; type?: string }[]): FormData {
  const data = new FormData();
  for (const f of files) {
    const bytes = typeof f.bytes === "string" ? f.bytes : new Uint8Array(f.bytes);
    data.append("files", new Blob([bytes], { type: f.type ?? "application/octet-stream" }), f.name);
  }
  return data;
}

const upload = (url: string, files: Parameters<typeof form>[0], headers: Record<string, string> = AUTH) =>
  fetch(`${url}/api/documents`, { method: "POST", headers, body: form(files) });

async function finished(url: string, id: string): Promise<{ job: Job; polls: Job[] }> {
  const polls: Job[] = [];
  for (let i = 0; i < 1_200; i++) {
    const { job } = (await (await fetch(`${url}/api/jobs/${id}`, { headers: AUTH })).json()) as { job: Job };
    polls.push(job);
    if (job.status === "done" || job.status === "failed") return { job, polls };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} did not finish`);
}

const health = async (url: string) => (await (await fetch(`${url}/api/health`)).json()) as Health;

describe("documents API · without ADMIN_API_KEY", () => {
  test("upload, delete, reindex, jobs · 404 NOT_FOUND, as if they did not exist", async () => {
    const srv = await startTestServer(createStandInEngine());
    try {
      await expectError(await upload(srv.url, [{ name: "a.md", bytes: "# A\n\nText.\n" }]), 404, "NOT_FOUND");
      await expectError(await fetch(`${srv.url}/api/documents/a.md`, { method: "DELETE", headers: AUTH }), 404, "NOT_FOUND");
      await expectError(await postJson(`${srv.url}/api/reindex`, {}, AUTH), 404, "NOT_FOUND");
      await expectError(await fetch(`${srv.url}/api/jobs/x`, { headers: AUTH }), 404, "NOT_FOUND");
    } finally {
      await srv.close();
    }
  });
});

describe("documents API · a server started with an empty DOCS_DIR (real engine)", () => {
  let dir: string;
  let docsDir: string;
  let citebot: Citebot;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "citebot-docs-api-"));
    docsDir = path.join(dir, "docs");
    await mkdir(docsDir);
    const config = loadConfig({ ...offlineEnv(docsDir, path.join(dir, "index")), ADMIN_API_KEY: KEY, UPLOAD_LIMIT: "64kb" });
    const logs: string[] = [];
    citebot = await startCitebot(config, pino({ level: "info" }, { write: (line: string) => void logs.push(line) }));
    // The start-up finds DOCS_DIR empty (else it would index the first upload itself, before the job does).
    while (!logs.some((l) => l.includes("until documents are uploaded"))) await new Promise((r) => setTimeout(r, 10));
  });
  after(async () => {
    await citebot?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("auth · missing or wrong key · 401 UNAUTHORIZED JSON with WWW-Authenticate", async () => {
    const missing = await upload(citebot.url, [{ name: "a.md", bytes: "x" }], {});
    assert.match(missing.headers.get("www-authenticate") ?? "", /^Bearer/);
    await expectError(missing, 401, "UNAUTHORIZED");
    await expectError(await upload(citebot.url, [{ name: "a.md", bytes: "x" }], { Authorization: `Bearer ${KEY}x` }), 401, "UNAUTHORIZED");
    await expectError(await fetch(`${citebot.url}/api/jobs/x`, { headers: { Authorization: "Basic abc" } }), 401, "UNAUTHORIZED");
    assert.deepEqual(await readdir(docsDir), []);
  });

  test("upload · the sample corpus and a PDF · 202 with a job; progress to done; the next answer cites the PDF", async () => {
    await expectError(await fetch(`${citebot.url}/api/health`), 503, "INDEX_NOT_READY");
    const corpus = await Promise.all((await readdir(CORPUS_DIR)).map(async (name) => ({ name, bytes: await readFile(path.join(CORPUS_DIR, name)) })));
    const pdf = await makePdf([PDF_LINES], { title: "Harbour report" });
    const started = performance.now();
    const res = await upload(citebot.url, [...corpus, { name: "harbour report.pdf", bytes: pdf, type: "application/pdf" }]);
    assert.equal(res.status, 202);
    const body = (await res.json()) as { job: Job; accepted: string[]; rejected: unknown[] };
    assert.equal(res.headers.get("location"), `/api/jobs/${body.job.id}`);
    assert.deepEqual(body.accepted, [...corpus.map((f) => f.name), "harbour_report.pdf"]);
    assert.deepEqual(body.rejected, []);

    const { job, polls } = await finished(citebot.url, body.job.id);
    assert.equal(job.status, "done", job.error ?? "");
    assert.deepEqual(job.progress, { done: 6, total: 6 });
    assert.deepEqual([...job.indexed].sort(), [...body.accepted].sort(), JSON.stringify(job));
    assert.deepEqual(job.skipped, []);
    const answered = await askUntilCited(citebot.url, "How deep will the Port of Valdren dredge its harbour?", "harbour_report.pdf");
    const ms = performance.now() - started;
    console.log(
      `upload of ${corpus.length} corpus files + 1 PDF: job ${job.status} after ${polls.length} polls (${polls
        .map((p) => `${p.status}:${p.progress.done}/${p.progress.total}`)
        .filter((s, i, a) => a.indexOf(s) === i)
        .join(
          " ",
        )}); job queued ${job.createdAt}, ran ${job.startedAt} to ${job.finishedAt}; first answer citing the PDF ${Math.round(ms)} ms after the upload began: ${JSON.stringify(answered.answer)}`,
    );
    const h = await health(citebot.url);
    assert.equal(h.documents, 6);

    const { documents } = (await (await fetch(`${citebot.url}/api/documents`)).json()) as {
      documents: { source: string; chunks: number; bytes: number; indexedAt: string }[];
    };
    const pdfEntry = documents.find((d) => d.source === "harbour_report.pdf");
    assert.equal(pdfEntry?.bytes, pdf.length);
    assert.ok(pdfEntry && pdfEntry.chunks >= 1 && Date.parse(pdfEntry.indexedAt) >= Date.parse(job.startedAt!));

    const { doc, check } = await openApiChecker(citebot.url);
    assert.deepEqual(doc.components.securitySchemes, { adminKey: { type: "http", scheme: "bearer" } });
    check("/api/documents", "post", 202, body);
    check("/api/jobs/{id}", "get", 200, { job });
    check("/api/documents", "get", 200, { documents });
    check("/api/ask", "post", 200, answered);
  });

  test("upload · names that climb out of DOCS_DIR · saved under their last segment, inside it; nothing written outside", async () => {
    const text = "# Tides\n\nThe tides in the bay reach three metres.\n";
    const res = await upload(citebot.url, [
      { name: "../../escape.md", bytes: text },
      { name: "..\\..\\windows.md", bytes: text },
      { name: "/etc/cron.d/rooted.md", bytes: text },
      { name: ".hidden.md", bytes: text },
    ]);
    assert.equal(res.status, 202);
    const body = (await res.json()) as { accepted: string[]; job: Job };
    assert.deepEqual(body.accepted, ["escape.md", "windows.md", "rooted.md", "hidden.md"]);
    for (const name of ["escape.md", "windows.md", "rooted.md"]) {
      assert.ok(!(await readdir(dir)).includes(name) && !(await readdir(path.dirname(dir))).includes(name), `${name} not written outside`);
    }
    assert.equal((await finished(citebot.url, body.job.id)).job.status, "done");
  });

  test("upload · wrong content for the name, unsupported type, too large · refused with reasons (415 / 413 when none is left)", async () => {
    const mixed = await upload(citebot.url, [
      { name: "ok.txt", bytes: "Plain text about lighthouses.\n" },
      { name: "fake.pdf", bytes: "this is not a PDF" },
      { name: "binary.txt", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]) },
      { name: "tool.exe", bytes: "MZ" },
    ]);
    assert.equal(mixed.status, 202);
    const body = (await mixed.json()) as { accepted: string[]; rejected: { name: string; reason: string }[]; job: Job };
    assert.deepEqual(body.accepted, ["ok.txt"]);
    assert.deepEqual(
      body.rejected.map((r) => r.name),
      ["fake.pdf", "binary.txt", "tool.exe"],
    );
    assert.match(body.rejected[0]!.reason, /not a PDF/);
    assert.match(body.rejected[1]!.reason, /binary/);
    assert.match(body.rejected[2]!.reason, /unsupported type/);
    await finished(citebot.url, body.job.id);

    await expectError(await upload(citebot.url, [{ name: "fake.pdf", bytes: "nope" }]), 415, "UNSUPPORTED_FILE");
    const big = "Many words about harbours. ".repeat(3_000); // ~80 KB > UPLOAD_LIMIT 64kb
    await expectError(await upload(citebot.url, [{ name: "big.txt", bytes: big }]), 413, "PAYLOAD_TOO_LARGE");
    await expectError(
      await fetch(`${citebot.url}/api/documents`, { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: "{}" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    assert.ok(!(await readdir(docsDir)).some((n) => n.startsWith("fake") || n.startsWith("big") || n.startsWith(".upload")));
  });

  test("delete · a document · 202, its job drops it from the index; outside DOCS_DIR or unknown · 404", async () => {
    const before = (await health(citebot.url)).documents;
    const res = await fetch(`${citebot.url}/api/documents/escape.md`, { method: "DELETE", headers: AUTH });
    assert.equal(res.status, 202);
    const { job } = await finished(citebot.url, ((await res.json()) as { job: Job }).job.id);
    assert.deepEqual(job.removed, ["escape.md"]);
    assert.equal((await health(citebot.url)).documents, before - 1);
    await expectError(await fetch(`${citebot.url}/api/documents/escape.md`, { method: "DELETE", headers: AUTH }), 404, "NOT_FOUND");
    await expectError(await fetch(`${citebot.url}/api/documents/..%2Findex%2Fmanifest.json`, { method: "DELETE", headers: AUTH }), 404, "NOT_FOUND");
    await expectError(await fetch(`${citebot.url}/api/documents/..%2F..%2Fetc%2Fpasswd`, { method: "DELETE", headers: AUTH }), 404, "NOT_FOUND");
  });

  test("reindex · two at once · the second waits for the first (one ingest at a time), both finish", async () => {
    const [a, b] = await Promise.all([postJson(`${citebot.url}/api/reindex`, {}, AUTH), postJson(`${citebot.url}/api/reindex`, { rebuild: true }, AUTH)]);
    assert.deepEqual([a.status, b.status], [202, 202]);
    const second = ((await b.json()) as { job: Job }).job;
    assert.equal(second.status, "queued");
    const first = (await finished(citebot.url, ((await a.json()) as { job: Job }).job.id)).job;
    const last = (await finished(citebot.url, second.id)).job;
    assert.ok(Date.parse(last.startedAt!) >= Date.parse(first.finishedAt!), "started after the first finished");
    assert.equal(last.status, "done");
    await expectError(await postJson(`${citebot.url}/api/reindex`, { rebuild: "yes" }, AUTH), 400, "BAD_REQUEST");
    await expectError(await fetch(`${citebot.url}/api/jobs/nope`, { headers: AUTH }), 404, "NOT_FOUND");
  });
});

/** Asks until an answer cites `source` (the swap to the new index happens right after the job ends). */
async function askUntilCited(url: string, question: string, source: string): Promise<AskResponse> {
  for (let i = 0; i < 400; i++) {
    const res = await postJson(`${url}/api/ask`, { question });
    if (res.status === 200) {
      const body = (await res.json()) as AskResponse;
      if (body.citations.some((c) => c.source === source)) return body;
    } else await res.body?.cancel();
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no answer cited ${source}`);
}
