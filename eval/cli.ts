/**
 * The eval harness's entry point: `npm run eval -- [options]` (see USAGE in args.ts).
 * For each corpus: fetches it when missing, validates its gold set against the extracted documents, runs ours
 * (in-process or over HTTP) and optionally the baselines, and gates it on its own thresholds. Prints the summary,
 * writes the reports and exits 1 when a threshold is missed or a question errored.
 */
import path from "node:path";
import { loadConfig, type Config } from "../core/config.js";
import { isAppError } from "../core/errors.js";
import { USAGE, parseEvalArgs, type EvalArgs } from "./args.js";
import { corpusNames, loadCorpus } from "./corpora/corpus.js";
import { ensureCorpus } from "./corpora/fetch.js";
import { evaluate } from "./evaluate.js";
import { loadThresholds } from "./gate.js";
import { loadGold, validateGold, type GoldItem, type SplitRole } from "./gold.js";
import { createProgress } from "./progress.js";
import { comparisonTable, suiteTable, typeTable } from "./report/markdown.js";
import { fmt, type Report, type Suite } from "./report/report.js";
import { writeLatest, writeReports } from "./report/write.js";
import { HttpRunner } from "./runners/http-runner.js";
import type { EvalTarget } from "./runners/open.js";
import type { AskRunner } from "./runners/runner.js";

const REPO = path.resolve(import.meta.dirname, "..");
const note = (m: string) => console.error(m);

/** What one corpus run needs: where its documents and index are, its gold set and its role. */
interface Target extends EvalTarget {
  name: string;
  role: SplitRole;
  kind: string;
  gold: string;
}

async function targets(args: EvalArgs, config: Readonly<Config>): Promise<Target[]> {
  if (args.gold) {
    const { docsDir, indexDir } = config.ingest;
    return [{ name: "custom", role: "split", kind: "DOCS_DIR", gold: args.gold, docsDir, indexDir }];
  }
  const names = args.corpus === "all" ? await corpusNames() : args.corpus.split(",");
  const out: Target[] = [];
  for (const name of names) {
    const corpus = await loadCorpus(name);
    if ((await ensureCorpus(corpus, { onStep: note })) === "fetched") note(`${name}: fetched into ${path.relative(REPO, corpus.docsDir)}`);
    out.push({ name, role: corpus.role, kind: corpus.kind, gold: corpus.gold, docsDir: corpus.docsDir, indexDir: corpus.indexDir });
  }
  return out;
}

async function loadValidGold(target: Target, split: EvalArgs["split"]): Promise<GoldItem[]> {
  const all = await loadGold(target.gold);
  await validateGold(all, target.docsDir, target.role);
  return split === "all" ? all : all.filter((g) => g.split === split);
}

async function main(args: EvalArgs): Promise<number> {
  const config = loadConfig();
  const list = await targets(args, config);
  if (args.check) {
    for (const t of list) console.log(`${t.name}: ${(await loadValidGold(t, "all")).length} gold questions, all valid`);
    return 0;
  }
  const reports: Report[] = [];
  const database = args.store === "local" ? undefined : await openEvalDatabase(config);
  try {
    for (const target of list) reports.push(await runCorpus(args, config, target, database?.url));
  } finally {
    await database?.close();
  }
  const suite: Suite = { createdAt: new Date().toISOString(), k: args.k, reports };
  await save(suite, args);
  print(suite);
  const failed = reports.some((r) => r.gate?.failures.length || r.runs[0]?.summary.overall.errors);
  return failed ? 1 : 0;
}

async function runCorpus(args: EvalArgs, config: Readonly<Config>, target: Target, databaseUrl: string | undefined): Promise<Report> {
  const gold = await loadValidGold(target, args.split);
  const runners: AskRunner[] = [];
  try {
    await openRunners(args, config, target, runners, databaseUrl);
    const progress = createProgress();
    const ours = runners[0]?.settings() ?? {};
    const count = (key: string) => (typeof ours[key] === "number" ? (ours[key] as number) : null);
    return await evaluate(gold, runners, {
      goldLabel: path.relative(REPO, target.gold),
      corpus: { name: target.name, role: target.role, kind: target.kind, documents: count("documents"), chunks: count("chunks") },
      k: args.k,
      split: args.split,
      ...(args.gate ? { thresholds: await loadThresholds(args.thresholds, target.name) } : {}),
      onStart: (runner, total) => progress.start(`${target.name} · ${runner.name}`, total),
      onResult: (result, done) => progress.update(result, done),
      onEnd: () => progress.stop(),
    });
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
}

/** Ours first (gated), then the baselines; pushed one by one so that `finally` closes what did open. */
async function openRunners(args: EvalArgs, config: Readonly<Config>, target: Target, runners: AskRunner[], databaseUrl: string | undefined): Promise<void> {
  if (args.baseUrl) runners.push(new HttpRunner(args.baseUrl));
  if (args.baseUrl && !args.baseline) return;
  // The engine and the baselines load word vectors and native modules: imported only when used.
  const open = await import("./runners/open.js");
  // Each corpus gets a schema of its own in the one database, so their indexes live side by side.
  const database = databaseUrl ? { url: databaseUrl, schema: `eval_${target.name.replace(/[^a-z0-9]/gu, "_")}` } : undefined;
  const own = open.targetConfig(config, { ...target, database: args.store === "postgres" ? database : undefined });
  const embedder = await open.openEmbedder(own, note);
  if (!args.baseUrl) runners.push(await open.openEngineRunner(own, embedder, (m) => note(`${target.name}: ${m}`)));
  if (!args.baseUrl && args.store === "both") {
    const onPostgres = open.targetConfig(config, { ...target, database });
    runners.push(await open.openEngineRunner(onPostgres, embedder, (m) => note(`${target.name} (postgres): ${m}`), "citebot-postgres"));
  }
  if (!args.baseline) return;
  runners.push(await open.openBaselineRunner(own));
  runners.push(await open.openBm25TopRunner(own, embedder));
}

/**
 * Reports go to --out (default eval/out/<timestamp>/; a gate run writes none unless --out is given); the committed
 * summary in eval/results/ changes only with --save.
 */
async function save(suite: Suite, args: EvalArgs): Promise<void> {
  const out = args.out ?? (args.gate ? undefined : path.join(REPO, "eval/out", suite.createdAt.replace(/[:.]/g, "-")));
  if (out) console.log(`Reports: ${(await writeReports(suite, out)).map((f) => path.relative(process.cwd(), f)).join(", ")}`);
  if (args.save) console.log(`Summary: ${(await writeLatest(suite, path.join(REPO, "eval/results"))).map((f) => path.relative(process.cwd(), f)).join(", ")}`);
}

/**
 * The database of a --store postgres|both run: DATABASE_URL when set, else PGlite (a development dependency) in this
 * process, served over a socket so that the engine talks to it through the pg driver as it would to a server.
 */
async function openEvalDatabase(config: Readonly<Config>): Promise<{ url: string; close(): Promise<void> }> {
  if (config.ingest.database) return { url: config.ingest.database.url, close: async () => {} };
  note("starting PGlite with pgvector (in process, over a socket)");
  const { startPgliteDatabase } = await import("../ingest/testing/pglite-database.js");
  return startPgliteDatabase();
}

function print(suite: Suite): void {
  for (const report of suite.reports) {
    console.log(`\n## ${report.corpus.name}\n\n${comparisonTable(report)}\n`);
    const ours = report.runs[0];
    if (ours) console.log(`${ours.name} by type:\n${typeTable(ours, report.k)}\n`);
  }
  if (suite.reports.length > 1) console.log(`${suiteTable(suite)}\n`);
  const gated = suite.reports.filter((r) => r.gate);
  if (!gated.length) return;
  let checks = 0;
  let failed = 0;
  for (const r of gated) {
    checks += r.gate!.thresholds;
    failed += r.gate!.failures.length;
    if (!r.gate!.failures.length) console.log(`Gate ${r.corpus.name}: all metrics meet their thresholds.`);
    for (const f of r.gate!.failures) {
      console.error(`Gate ${r.corpus.name}: ${f.run} ${f.metric} = ${fmt(f.value)} is ${f.kind === "min" ? "below" : "above"} its threshold ${f.threshold}`);
    }
  }
  const errors = suite.reports.reduce((n, r) => n + (r.runs[0]?.summary.overall.errors ?? 0), 0);
  if (errors) console.error(`${errors} question(s) failed with an error; see the reports.`);
  // The plain closing line CI reads: one check per threshold.
  console.log(`gate: ${checks - failed} passed, ${failed} failed`);
}

try {
  const args = parseEvalArgs(process.argv.slice(2));
  if (args.help) console.log(USAGE);
  else process.exitCode = await main(args);
} catch (err) {
  console.error(isAppError(err) ? err.message : err);
  process.exitCode = 2;
}
