import type { MetricKey } from "../summary.js";

/** Column headings; hit@k carries the k of the run. */
export function metricLabel(key: MetricKey, k: number): string {
  const labels: Record<MetricKey, string> = {
    hitAtK: `hit@${k}`,
    mrr: "MRR",
    docRecall: "doc recall",
    factRecall: "fact recall",
    answerFirstRecall: "answer-first recall",
    openFactRecall: "open-question fact recall",
    unanswerableCaught: "unanswerable caught",
    tokenF1: "token F1",
    abstentionAccuracy: "abstention acc.",
    citationPrecision: "citation precision",
    citationValidity: "citation validity",
    faithfulness: "faithfulness",
  };
  return labels[key];
}
