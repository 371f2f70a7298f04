import type { Thresholds } from "./gate.js";
import { checkGate } from "./gate.js";
import type { GoldItem } from "./gold.js";
import type { CorpusInfo, Report, RunReport } from "./report/report.js";
import { runGold } from "./run.js";
import type { AskRunner } from "./runners/runner.js";
import type { QuestionResult } from "./score.js";
import { summarize } from "./summary.js";

export interface EvaluateOptions {
  /** Shown in the report; usually the gold file's path relative to the repo. */
  goldLabel: string;
  corpus: CorpusInfo;
  k: number;
  split: Report["split"];
  /** When given, the first runner (ours) is gated on these; later runners (the baseline) are not. */
  thresholds?: Thresholds;
  signal?: AbortSignal;
  onStart?: (runner: AskRunner, total: number) => void;
  onResult?: (result: QuestionResult, done: number, total: number) => void;
  onEnd?: (runner: AskRunner) => void;
  now?: () => Date;
}

/** Runs every runner over the gold items (already filtered to the split) and builds the report. */
export async function evaluate(gold: readonly GoldItem[], runners: readonly AskRunner[], opts: EvaluateOptions): Promise<Report> {
  const { k, signal, onResult } = opts;
  const runs: RunReport[] = [];
  for (const runner of runners) {
    opts.onStart?.(runner, gold.length);
    const results = await runGold(gold, runner, { k, ...(signal ? { signal } : {}), ...(onResult ? { onResult } : {}) });
    opts.onEnd?.(runner);
    runs.push({ name: runner.name, settings: runner.settings(), retrieval: runner.retrieval, summary: summarize(results), results });
  }
  const report: Report = { createdAt: (opts.now ?? (() => new Date()))().toISOString(), corpus: opts.corpus, gold: opts.goldLabel, k, split: opts.split, runs };
  const ours = runs[0];
  if (opts.thresholds && ours) {
    const thresholds = Object.keys(opts.thresholds.min).length + Object.keys(opts.thresholds.max).length;
    report.gate = { checked: true, thresholds, failures: checkGate(ours.name, ours.summary.overall, opts.thresholds) };
  }
  return report;
}
