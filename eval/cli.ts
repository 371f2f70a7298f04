/**
 * The eval harness's entry point: `npm run eval -- [options]` (see USAGE in args.ts).
 * Validates the gold set, runs ours (in-process or over HTTP) and optionally the baseline recipe,
 * prints the summary, writes the reports and, with --gate, exits 1 when a threshold is missed.
 */
import path from "node:path";
import { loadConfig, type Config } from "../core/config.js";
import { isAppError } from "../core/errors.js";
import { USAGE, parseEvalArgs, type EvalArgs } from "./args.js";
import { evaluate } from "./evaluate.js";
import { loadThresholds } from "./gate.js";
import { loadGold, validateGold } from "./gold.js";
import { createProgress } from "./progress.js";
import { comparisonTable, typeTable } from "./report/markdown.js";
import { fmt, type Report } from "./report/report.js";
import { writeLatest, writeReports } from "./report/write.js";
import { HttpRunner } from "./runners/http-runner.js";
import type { AskRunner } from "./runners/runner.js";

const REPO = path.resolve(import.meta.dirname, "..");

async function main(args: EvalArgs): Promise<number> {
  const config = loadConfig();
  const all = await loadGold(args.gold);
  await validateGold(all, config.ingest.docsDir);
  const gold = args.split === "all" ? all : all.filter((g) => g.split === args.split);
  const runners: AskRunner[] = [];
  try {
    await openRunners(args, config, runners);
    const progress = createProgress();
    const report = await evaluate(gold, runners, {
      goldLabel: path.relative(REPO, args.gold),
      k: args.k,
      split: args.split,
      ...(args.gate ? { thresholds: await loadThresholds(args.thresholds) } : {}),
      onStart: (runner, total) => progress.start(runner.name, total),
      onResult: (result, done) => progress.update(result, done),
      onEnd: () => progress.stop(),
    });
    await save(report, args);
    print(report);
    return report.gate?.failures.length ? 1 : 0;
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
}

/** Ours first (gated), then the baseline; pushed one by one so that `finally` closes what did open. */
async function openRunners(args: EvalArgs, config: Readonly<Config>, runners: AskRunner[]): Promise<void> {
  if (args.baseUrl) runners.push(new HttpRunner(args.baseUrl));
  if (args.baseUrl && !args.baseline) return;
  // The engine and the baseline load word vectors and native modules: imported only when used.
  const open = await import("./runners/open.js");
  if (!args.baseUrl) runners.push(await open.openEngineRunner(config, (m) => console.error(m)));
  if (args.baseline) runners.push(await open.openBaselineRunner(config));
}

/** Reports go to --out (default eval/out/<timestamp>/); a gate run writes none unless --out is given and never touches eval/results/. */
async function save(report: Report, args: EvalArgs): Promise<void> {
  const out = args.out ?? (args.gate ? undefined : path.join(REPO, "eval/out", report.createdAt.replace(/[:.]/g, "-")));
  if (out) console.log(`Reports: ${(await writeReports(report, out)).map((f) => path.relative(process.cwd(), f)).join(", ")}`);
  if (!args.gate) console.log(`Summary: ${(await writeLatest(report, path.join(REPO, "eval/results"))).map((f) => path.relative(process.cwd(), f)).join(", ")}`);
}

function print(report: Report): void {
  console.log(`\n${comparisonTable(report)}\n`);
  const ours = report.runs[0];
  if (ours) console.log(`${ours.name} by type:\n${typeTable(ours, report.k)}\n`);
  if (!report.gate) return;
  if (!report.gate.failures.length) console.log("Gate: all metrics meet their thresholds.");
  for (const f of report.gate.failures) {
    console.error(`Gate: ${f.run} ${f.metric} = ${fmt(f.value)} is ${f.kind === "min" ? "below" : "above"} its threshold ${f.threshold}`);
  }
  // The plain closing line CI reads: one check per threshold.
  const failed = report.gate.failures.length;
  console.log(`gate: ${report.gate.thresholds - failed} passed, ${failed} failed`);
}

try {
  const args = parseEvalArgs(process.argv.slice(2));
  if (args.help) console.log(USAGE);
  else process.exitCode = await main(args);
} catch (err) {
  console.error(isAppError(err) ? err.message : err);
  process.exitCode = 2;
}
