import type { QuestionResult } from "./score.js";
import { latencySummary, percentile, type LatencySummary } from "./metrics/latency.js";

/** Aggregated metrics: means over the questions each metric applies to (null when none applies). */
export interface Metrics {
  n: number;
  answerable: number;
  hitAtK: number | null;
  mrr: number | null;
  docRecall: number | null;
  factRecall: number | null;
  /** Every fact group within the answer's first 30 words. */
  answerFirstRecall: number | null;
  /** Fact recall over the open questions (why, how did, differences, summarise). */
  openFactRecall: number | null;
  tokenF1: number | null;
  abstentionAccuracy: number | null;
  /** Share of unanswerable questions that abstained. */
  unanswerableCaught: number | null;
  /** Share of answerable questions that abstained. */
  falseAbstentionRate: number | null;
  falseAbstentions: number;
  falseAnswers: number;
  /** Answer length in words over the answered questions. */
  words: { p50: number; p90: number };
  citationPrecision: number | null;
  citationValidity: number | null;
  faithfulness: number | null;
  errors: number;
  latency: LatencySummary;
}

export interface Summary {
  overall: Metrics;
  byType: Record<string, Metrics>;
  bySplit: Record<string, Metrics>;
}

/** The numeric metrics a threshold can apply to, in display order. */
export const METRIC_KEYS = [
  "hitAtK",
  "mrr",
  "docRecall",
  "factRecall",
  "answerFirstRecall",
  "openFactRecall",
  "tokenF1",
  "abstentionAccuracy",
  "unanswerableCaught",
  "citationPrecision",
  "citationValidity",
  "faithfulness",
] as const satisfies readonly (keyof Metrics)[];
export type MetricKey = (typeof METRIC_KEYS)[number];

const mean = (values: readonly (number | null | undefined)[]): number | null => {
  const v = values.filter((x): x is number => typeof x === "number");
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

export function aggregate(results: readonly QuestionResult[]): Metrics {
  const ans = results.filter((r) => r.answerable);
  const unans = results.filter((r) => !r.answerable);
  const words = results.flatMap((r) => (r.words === null ? [] : [r.words]));
  const falseAbstentions = results.filter((r) => r.abstention === "false-abstention").length;
  return {
    n: results.length,
    answerable: ans.length,
    hitAtK: mean(ans.map((r) => r.retrieval?.hit)),
    mrr: mean(ans.map((r) => r.retrieval?.rr)),
    docRecall: mean(ans.map((r) => r.retrieval?.docRecall)),
    factRecall: mean(ans.map((r) => r.fact?.score)),
    answerFirstRecall: mean(ans.map((r) => r.answerFirst)),
    openFactRecall: mean(ans.filter((r) => r.type === "open").map((r) => r.fact?.score)),
    tokenF1: mean(ans.map((r) => r.tokenF1)),
    abstentionAccuracy: mean(results.map((r) => (r.abstentionCorrect ? 1 : 0))),
    unanswerableCaught: mean(unans.map((r) => (r.abstained ? 1 : 0))),
    falseAbstentionRate: ans.length ? falseAbstentions / ans.length : null,
    falseAbstentions,
    falseAnswers: results.filter((r) => r.abstention === "false-answer").length,
    words: { p50: percentile(words, 50), p90: percentile(words, 90) },
    citationPrecision: mean(results.map((r) => r.citationPrecision)),
    citationValidity: mean(results.map((r) => (r.citationValidity.valid ? 1 : 0))),
    faithfulness: mean(results.map((r) => r.faithfulness.score)),
    errors: results.filter((r) => r.error !== undefined).length,
    latency: latencySummary(results.filter((r) => r.error === undefined).map((r) => r.timings)),
  };
}

function groupBy(results: readonly QuestionResult[], key: (r: QuestionResult) => string): Record<string, Metrics> {
  const groups = new Map<string, QuestionResult[]>();
  for (const r of results) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return Object.fromEntries([...groups].map(([k, rs]) => [k, aggregate(rs)]));
}

export function summarize(results: readonly QuestionResult[]): Summary {
  return { overall: aggregate(results), byType: groupBy(results, (r) => r.type), bySplit: groupBy(results, (r) => r.split) };
}
