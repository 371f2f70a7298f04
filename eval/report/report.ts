import type { RetrievalSource } from "../runners/runner.js";
import type { QuestionResult } from "../score.js";
import type { Summary } from "../summary.js";

/** One system evaluated on the gold set. */
export interface RunReport {
  name: string;
  /** The settings that produced the numbers (chunking, retrieval, generator…). */
  settings: Record<string, unknown>;
  /** What hit@k, MRR and document recall were computed on. */
  retrieval: RetrievalSource;
  summary: Summary;
  results: QuestionResult[];
}

export interface GateFailure {
  run: string;
  metric: string;
  value: number | null;
  threshold: number;
  kind: "min" | "max";
}

/** The corpus a report is about: what it is and how big its index was. */
export interface CorpusInfo {
  name: string;
  role: "tune" | "heldout" | "split";
  kind: string;
  documents: number | null;
  chunks: number | null;
}

/** One corpus's evaluation: every runner over its gold set. */
export interface Report {
  createdAt: string;
  corpus: CorpusInfo;
  gold: string;
  k: number;
  split: "tune" | "heldout" | "all";
  runs: RunReport[];
  gate?: { checked: boolean; thresholds: number; failures: GateFailure[] };
}

/** A run over several corpora: one report each, held-out corpora first. */
export interface Suite {
  createdAt: string;
  k: number;
  reports: Report[];
}

/** Held-out corpora first (what the numbers promise on unseen documents), then tune, then mixed. */
export function orderForReading(reports: readonly Report[]): Report[] {
  const rank = { heldout: 0, tune: 1, split: 2 } as const;
  return [...reports].sort((a, b) => rank[a.corpus.role] - rank[b.corpus.role]);
}

/** What went wrong on one question, in words, for the per-question tables. */
export function describeMisses(r: QuestionResult, k: number): string[] {
  const out: string[] = [];
  if (r.error) out.push(`error: ${r.error}`);
  if (r.abstention === "false-abstention") out.push("abstained on an answerable question");
  if (r.abstention === "false-answer") out.push("answered a question the documents cannot answer");
  for (const group of r.fact?.missing ?? []) if (!r.abstained) out.push(`missing fact: ${group.join(" | ")}`);
  if (r.retrieval && !r.retrieval.hit) {
    out.push(r.retrieval.rank === null ? "evidence not retrieved" : `evidence only at rank ${r.retrieval.rank} (> ${k})`);
  }
  if (r.retrieval && r.retrieval.docRecall < 1) out.push(`document recall ${r.retrieval.docRecall.toFixed(2)}`);
  if (r.citationPrecision !== null && r.citationPrecision < 1) out.push(`citation precision ${r.citationPrecision.toFixed(2)}`);
  out.push(...r.citationValidity.problems);
  for (const s of r.faithfulness.sentences) if (!s.supported) out.push(`unsupported: "${s.text}"`);
  return out;
}

/** Says what a run's retrieval metrics were computed on, in the reports' words. */
export function retrievalLabel(source: RetrievalSource): string {
  return source === "retriever" ? "retriever's top-k" : "passages shown (citations + related)";
}

/** Formats a metric value: two decimals, "–" when the metric does not apply. */
export const fmt = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(2));
export const fmtMs = (x: number): string => (Number.isNaN(x) ? "–" : x.toFixed(1));
export const fmtWords = (x: number): string => (Number.isNaN(x) ? "–" : String(Math.round(x)));
