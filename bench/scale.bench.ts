/**
 * Scale: the real documentation (English Python 3.11 and Debian handbook HTML, R manuals as PDF; bench/scale-corpus.ts)
 * and ~250k chunks made from it with word-level variation, each measured the same way in one run:
 * ingest, ready time with the index on disk, RSS, the first ask of never-seen questions in process (p50/p95/max),
 * and POST /api/ask over HTTP at concurrency 8 with WEB_CONCURRENCY=2 on never-seen questions, beside a bare
 * Express route. Indexes are kept in .data/bench-scale and reused (`--rebuild` makes them again).
 * Writes bench/results/scale.json. Standalone: node --import tsx bench/scale.bench.ts [--copies=11] [--duration=10]
 */
import { execFile, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { access, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { loadConfig } from "../core/config.js";
import type { Chunk } from "../core/types.js";
import { createEmbedder, runIngest } from "../ingest/index.js";
import { linkRealDocs, REAL_DOCS, writeVariants } from "./scale-corpus.js";
import { CORPUS_DIR, offlineEnv } from "../server/testing/offline-env.js";
import { questionsFrom } from "./scale-questions.js";

const { values } = parseArgs({
  options: { copies: { type: "string", default: "11" }, duration: { type: "string", default: "10" }, rebuild: { type: "boolean", default: false } },
});
const ROOT = path.dirname(import.meta.dirname);
const WORK = path.join(ROOT, ".data", "bench-scale");
const RESULTS = path.join(import.meta.dirname, "results", "scale.json");
const DURATION_S = Number(values.duration);
const TARGETS = { readyMs: 3000, rssMb: 1024, firstAskP95Ms: 25, firstAskP95MsAt15k: 10, httpRequestsPerSec: 400 };
const run = promisify(execFile);

await access(REAL_DOCS).catch(() => {
  throw new Error(`${REAL_DOCS} is missing: unpack python3.11-doc, debian-handbook and r-doc-pdf there (apt-get download + dpkg -x)`);
});
if (values.rebuild) await rm(WORK, { recursive: true, force: true });
await mkdir(WORK, { recursive: true });
// The real documents are symlinks into REAL_DOCS.
const config = loadConfig({ CACHE_DIR: path.join(ROOT, ".data/cache"), EMBEDDINGS: "local", FOLLOW_EXTERNAL_LINKS: "true" });
const embedder = await createEmbedder(config);

const real = await ensureIndex("real", async (docs) => ({ files: await linkRealDocs(docs) }));
const realChunks = await readChunks(real.indexDir);
const big = await ensureIndex("variants", async (docs) => ({ bytes: await writeVariants(realChunks, docs, Number(values.copies)) }));
const bare = await httpBare();
const sizes = [];
for (const size of [real, big]) sizes.push({ ...size, ...(await measure(size.indexDir, size.name === "real" ? realChunks : await readChunks(size.indexDir))) });
const report = {
  bench: "scale",
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version, loadAverage1m: os.loadavg()[0] },
  corpus: `real: ${REAL_DOCS} (English HTML manuals + R PDF manuals); variants: ${values.copies} copies of every real document, 20% of words of 4+ letters swapped for other corpus words and 2% misspelt`,
  targets: TARGETS,
  bareExpress: bare,
  sizes,
};
await mkdir(path.dirname(RESULTS), { recursive: true });
await writeFile(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
for (const s of sizes) {
  process.stdout.write(
    `${s.name}: ${s.chunks} chunks · ingest ${s.ingest ? `${(s.ingest.ms / 1000).toFixed(1)} s` : "(kept)"} · ready ${s.inProcess.readyMs} ms · RSS ${s.inProcess.readyRssMb} MB` +
      ` · first ask p50/p95/max ${s.inProcess.firstAsk.p50}/${s.inProcess.firstAsk.p95}/${s.inProcess.firstAsk.max} ms · HTTP c=8 x2 workers ${s.http.requestsPerSec} req/s` +
      ` (p50 ${s.http.p50} ms, errors ${s.http.errors}, worker RSS ${s.http.workerRssMb.join(" + ")} MB, ready ${s.http.readyMs} ms)\n`,
  );
}
process.stdout.write(`bare Express c=8: ${bare.requestsPerSec} req/s\nwrote ${path.relative(process.cwd(), RESULTS)}\n`);

/** Builds `WORK/<name>-index` from the docs `make` writes, unless it is already there. */
async function ensureIndex(name: string, make: (docsDir: string) => Promise<Record<string, number>>) {
  const docsDir = path.join(WORK, `${name}-docs`);
  const indexDir = path.join(WORK, `${name}-index`);
  const kept = await access(path.join(indexDir, "manifest.json")).then(
    () => true,
    () => false,
  );
  if (kept) return { name, indexDir, ingest: null };
  await rm(docsDir, { recursive: true, force: true });
  const made = await make(docsDir);
  const started = performance.now();
  const summary = await runIngest({ ...config.ingest, docsDir, indexDir }, { embedder });
  const ms = Math.round(performance.now() - started);
  return { name, indexDir, ingest: { ...made, ms, chunks: summary.chunks.total, mbPerSec: made.bytes ? round(made.bytes / 1e6 / (ms / 1000)) : undefined } };
}

async function readChunks(indexDir: string): Promise<Chunk[]> {
  const text = await readFile(path.join(indexDir, "chunks.jsonl"), "utf8");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as [number, Chunk])[1]);
}

async function measure(indexDir: string, chunks: readonly Chunk[]) {
  const questionsFile = path.join(WORK, "questions.json");
  await writeFile(questionsFile, JSON.stringify(questionsFrom(chunks, 300, chunks.length)));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "scale-probe.ts"), indexDir, questionsFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  for await (const data of child.stdout) out += String(data);
  const probe = JSON.parse(out) as { chunks: number; readyMs: number; readyRssMb: number; rssMb: number; times: number[] };
  const http = await httpCitebot(indexDir, questionsFrom(chunks, 20_000, chunks.length + 1));
  return {
    chunks: probe.chunks,
    inProcess: {
      readyMs: Math.round(probe.readyMs),
      readyRssMb: Math.round(probe.readyRssMb),
      rssAfterMb: Math.round(probe.rssMb),
      questions: probe.times.length,
      firstAsk: percentiles(probe.times),
      over50Ms: probe.times.filter((t) => t > 50).length,
    },
    http,
  };
}

/** `npm start` with WEB_CONCURRENCY=2 over the index, then autocannon at c=8 with a new question per request. */
async function httpCitebot(indexDir: string, questions: string[]) {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "start.ts")], {
    env: { ...offlineEnv(CORPUS_DIR, indexDir), HOST: "127.0.0.1", LOG_LEVEL: "info", WEB_CONCURRENCY: "2" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const pids: number[] = [];
  let url = "";
  for await (const line of createInterface({ input: child.stdout })) {
    const { msg, pid } = JSON.parse(line) as { msg?: string; pid: number };
    url ||= /listening on (http:\S+)/.exec(msg ?? "")?.[1] ?? "";
    if (msg?.startsWith("ready:") && pids.push(pid) === 2) break;
  }
  const readyMs = Math.round(performance.now() - started);
  try {
    let next = 0;
    const load = await cannon(url, () => questions[next++ % questions.length]!);
    const workerRssMb = await Promise.all(pids.map(rssOf));
    return { workers: 2, readyMs, ...load, workerRssMb };
  } finally {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }
}

async function httpBare() {
  const child = fork(path.join(import.meta.dirname, "ask-server.ts"), ["bare"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [msg] = (await once(child, "message")) as [{ url: string }];
  try {
    return await cannon(msg.url, () => "echo");
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

async function cannon(url: string, question: () => string) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: 8,
        duration: DURATION_S,
        requests: [
          {
            method: "POST",
            path: "/api/ask",
            headers: { "content-type": "application/json" },
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ question: question() }) }),
          },
        ],
      },
      (err: unknown, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_c: unknown, _s: number, _b: number, t: number) => times.push(t));
  });
  const p = percentiles(times);
  return { requestsPerSec: round(times.length / result.duration), p50: p.p50, p95: p.p95, max: p.max, errors: result.errors + result.non2xx + result.timeouts };
}

async function rssOf(pid: number): Promise<number> {
  const { stdout } = await run("ps", ["-o", "rss=", "-p", String(pid)]);
  return Math.round(Number(stdout.trim()) / 1024);
}

function percentiles(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN);
  return { p50: at(0.5), p95: at(0.95), max: round(s.at(-1) ?? NaN) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
