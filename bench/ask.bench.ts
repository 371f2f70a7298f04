/**
 * Ask latency over HTTP: POST /api/ask on the real server (offline default, index over ../shared/corpus, rate limit
 * off) at concurrency 1 and 8, beside a bare Express route as the machine's reference. Each server runs in its own
 * child process so the load generator does not share its event loop. Writes bench/results/ask.json.
 * Standalone: node --import tsx bench/ask.bench.ts [--duration=10]
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const DURATION_S = Number(/^--duration=(\d+)$/.exec(process.argv.find((a) => a.startsWith("--duration=")) ?? "")?.[1] ?? 10);
const CONCURRENCY = [1, 8] as const;
const RESULTS = path.join(import.meta.dirname, "results", "ask.json");
const TARGETS = { p50Ms: 10, p95Ms: 30, requestsPerSec: 500, rssMb: 300 };

/** Questions the sample corpus answers; each connection cycles through them. */
const QUESTIONS = [
  "What did Pete Hegseth say about Ukraine joining NATO?",
  "Whom did Trump call before informing European leaders?",
  "How did European leaders react to Trump's call with Putin?",
  "What did Boris Pistorius say about the negotiations?",
  "What did Kaja Kallas warn about a quick fix?",
  "What did John Healey say about talks without Ukraine?",
  "How many peacekeepers would Kyiv want for security guarantees?",
  "What did Mark Rutte say about Ukraine's involvement?",
  "What does Russia see as the root causes of the conflict?",
  "What is the US no longer directly supplying to Ukraine?",
];

interface RunStats {
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}

interface ServerHandle {
  child: ChildProcess;
  url: string;
}

async function startServer(mode: "citebot" | "bare"): Promise<ServerHandle> {
  const child = fork(path.join(import.meta.dirname, "ask-server.ts"), [mode], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`${mode} server exited with code ${String(code)} before it was ready`);
  });
  const ready = (async () => {
    for (;;) {
      const [msg] = (await once(child, "message")) as [{ type: string; url?: string }];
      if (msg.type === "ready" && msg.url) return { child, url: msg.url };
    }
  })();
  return Promise.race([ready, exited]);
}

async function memoryOf(child: ChildProcess): Promise<{ rssMb: number; peakRssMb: number }> {
  child.send("stats");
  for (;;) {
    const [msg] = (await once(child, "message")) as [{ type: string; rss: number; peakRss: number }];
    if (msg.type === "stats") return { rssMb: mb(msg.rss), peakRssMb: mb(msg.peakRss) };
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

/** One autocannon run; latency percentiles computed from every response time, not autocannon's fixed buckets. */
async function load(url: string, connections: number, durationS: number): Promise<RunStats> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: durationS,
        requests: QUESTIONS.map((question) => ({
          method: "POST" as const,
          path: "/api/ask",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ question }),
        })),
      },
      (err: unknown, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN);
  return {
    connections,
    durationS,
    requests: times.length,
    requestsPerSec: round(times.length / result.duration),
    latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(times.at(-1) ?? NaN), mean: round(times.reduce((s, t) => s + t, 0) / times.length) },
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

/** Checks the answer first: a benchmark of error responses would measure nothing. */
async function checkAnswers(url: string): Promise<void> {
  for (const question of QUESTIONS) {
    const res = await fetch(`${url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
    const body = (await res.json()) as { answer?: string; citations?: unknown[] };
    if (res.status !== 200 || typeof body.answer !== "string") throw new Error(`${question} → HTTP ${res.status} ${JSON.stringify(body)}`);
  }
}

async function benchTarget(mode: "citebot" | "bare") {
  const started = performance.now();
  const { child, url } = await startServer(mode);
  const startupMs = Math.round(performance.now() - started);
  try {
    const atReady = await memoryOf(child);
    await checkAnswers(url);
    await load(url, 8, Math.min(3, DURATION_S)); // warm-up: JIT, caches
    const runs: RunStats[] = [];
    for (const c of CONCURRENCY) runs.push(await load(url, c, DURATION_S));
    const afterLoad = await memoryOf(child);
    return { startupMs, runs, memory: { readyRssMb: atReady.rssMb, ...afterLoad } };
  } finally {
    await stop(child);
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const loadBefore = os.loadavg();
const citebot = await benchTarget("citebot");
const bare = await benchTarget("bare");
const c8 = citebot.runs.find((r) => r.connections === 8);
if (!c8) throw new Error("no concurrency-8 run");
const checks = {
  p50UnderTarget: c8.latencyMs.p50 < TARGETS.p50Ms,
  p95UnderTarget: c8.latencyMs.p95 < TARGETS.p95Ms,
  requestsPerSecAtTarget: c8.requestsPerSec >= TARGETS.requestsPerSec,
  noErrors: citebot.runs.every((r) => r.errors === 0 && r.non2xx === 0 && r.timeouts === 0),
  rssUnderTarget: citebot.memory.peakRssMb < TARGETS.rssMb,
};
const report = {
  bench: "ask",
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    // Other work on the machine skews every number; the bare Express runs show by how much.
    loadAverage1m: { before: round(loadBefore[0] ?? NaN), after: round(os.loadavg()[0] ?? NaN) },
  },
  settings: {
    endpoint: "POST /api/ask",
    questions: QUESTIONS.length,
    durationS: DURATION_S,
    concurrency: CONCURRENCY,
    server: "offline default (local word vectors, extractive answers), LOG_LEVEL=warn, rate limit off, 127.0.0.1",
  },
  targets: { ...TARGETS, at: "concurrency 8" },
  citebot,
  bareExpress: bare,
  checks,
  allTargetsMet: Object.values(checks).every(Boolean),
};
await mkdir(path.dirname(RESULTS), { recursive: true });
await writeFile(RESULTS, `${JSON.stringify(report, null, 2)}\n`);

const line = (name: string, r: RunStats) =>
  `${name.padEnd(8)} c=${r.connections}  p50 ${r.latencyMs.p50} ms  p95 ${r.latencyMs.p95} ms  p99 ${r.latencyMs.p99} ms  ${r.requestsPerSec} req/s  errors ${r.errors + r.non2xx + r.timeouts}`;
console.log([...citebot.runs.map((r) => line("citebot", r)), ...bare.runs.map((r) => line("express", r))].join("\n"));
console.log(
  `citebot RSS ${citebot.memory.readyRssMb} MB when ready, ${citebot.memory.rssMb} MB after the runs (peak ${citebot.memory.peakRssMb} MB); startup ${citebot.startupMs} ms`,
);
console.log(
  `targets (c=8): ${Object.entries(checks)
    .map(([k, ok]) => `${k} ${ok ? "ok" : "MISSED"}`)
    .join(", ")}`,
);
console.log(`wrote ${path.relative(process.cwd(), RESULTS)}`);
// Failed requests mean the numbers describe errors, not answers.
if (!checks.noErrors) process.exitCode = 1;
