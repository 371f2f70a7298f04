import { METRIC_KEYS, type Metrics } from "../summary.js";
import { metricLabel } from "./metric-labels.js";
import { describeMisses, fmt, fmtMs, fmtWords, orderForReading, retrievalLabel, type Report, type RunReport, type Suite } from "./report.js";

const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/gu, "\\|").replace(/\n/gu, " ")).join(" | ")} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

const SPLITS = ["all", "tune", "heldout"] as const;
const bySplit = (run: RunReport, split: (typeof SPLITS)[number]): Metrics | undefined => (split === "all" ? run.summary.overall : run.summary.bySplit[split]);

/** The rows every metric table ends with: counts, lengths and latency, beside the 0..1 metrics. */
export function extraRows(m: Metrics): [string, string][] {
  return [
    ["false abstentions (share of answerable)", `${m.falseAbstentions} (${fmt(m.falseAbstentionRate)})`],
    ["false answers", String(m.falseAnswers)],
    ["answer words p50 / p90", `${fmtWords(m.words.p50)} / ${fmtWords(m.words.p90)}`],
    ["total p50 / p95 ms", `${fmtMs(m.latency.total.p50)} / ${fmtMs(m.latency.total.p95)}`],
    ["errors", String(m.errors)],
  ];
}

/** Metrics as rows, every run × split as columns: ours and the baselines side by side. */
export function comparisonTable(report: Report): string {
  const columns = report.runs.flatMap((run) => SPLITS.map((split) => ({ run, split, m: bySplit(run, split) }))).filter((c) => c.m);
  const head = ["metric", ...columns.map((c) => `${c.run.name} · ${c.split} (n=${c.m!.n})`)];
  const rows = METRIC_KEYS.map((key) => [metricLabel(key, report.k), ...columns.map((c) => fmt(c.m![key]))]);
  const extras = columns.map((c) => extraRows(c.m!));
  extras[0]?.forEach(([label], i) => rows.push([label, ...extras.map((e) => e[i]![1])]));
  rows.push(["retrieval metrics on", ...columns.map((c) => retrievalLabel(c.run.retrieval))]);
  return table(head, rows);
}

/** One line per corpus × run with the metrics that say whether answers hold: the suite's summary. */
export function suiteTable(suite: Suite): string {
  const head = [
    "corpus (role, files, chunks)",
    "run",
    "fact recall",
    "answer-first",
    "open fact recall",
    `hit@${suite.k}`,
    "MRR",
    "citation precision",
    "unanswerable caught",
    "false abstentions",
    "words p50 / p90",
    "p50 / p95 ms",
    "errors",
  ];
  const rows = orderForReading(suite.reports).flatMap((r) =>
    r.runs.map((run) => {
      const m = run.summary.overall;
      const where = `${r.corpus.name} (${r.corpus.role}, ${r.corpus.documents ?? "?"}, ${r.corpus.chunks ?? "?"})`;
      return [
        where,
        run.name,
        fmt(m.factRecall),
        fmt(m.answerFirstRecall),
        fmt(m.openFactRecall),
        fmt(m.hitAtK),
        fmt(m.mrr),
        fmt(m.citationPrecision),
        fmt(m.unanswerableCaught),
        fmt(m.falseAbstentionRate),
        `${fmtWords(m.words.p50)} / ${fmtWords(m.words.p90)}`,
        `${fmtMs(m.latency.total.p50)} / ${fmtMs(m.latency.total.p95)}`,
        m.errors,
      ];
    }),
  );
  return table(head, rows);
}

export function typeTable(run: RunReport, k: number): string {
  const head = ["type", "n", ...METRIC_KEYS.map((key) => metricLabel(key, k))];
  return table(
    head,
    Object.entries(run.summary.byType).map(([type, m]) => [type, m.n, ...METRIC_KEYS.map((key) => fmt(m[key]))]),
  );
}

function latencyTable(run: RunReport): string {
  const l = run.summary.overall.latency;
  return table(
    ["stage", "p50 ms", "p95 ms", "max ms"],
    (["retrieve", "generate", "total"] as const).map((s) => [s, fmtMs(l[s].p50), fmtMs(l[s].p95), fmtMs(l[s].max)]),
  );
}

function gateSection(report: Report): string[] {
  if (!report.gate?.checked) return [];
  const lines = ["### Gate", ""];
  if (!report.gate.failures.length) return [...lines, "All metrics meet their thresholds.", ""];
  for (const f of report.gate.failures) lines.push(`- **${f.run}** ${f.metric} = ${fmt(f.value)} ${f.kind === "min" ? "<" : ">"} ${f.threshold}`);
  return [...lines, ""];
}

/** One corpus's section; `withQuestions` adds the list of questions with a miss (left out of latest.md). */
export function renderCorpusMarkdown(report: Report, { withQuestions = true } = {}): string {
  const c = report.corpus;
  const out = [
    `## ${c.name} (${c.role}: ${c.kind}; ${c.documents ?? "?"} files, ${c.chunks ?? "?"} chunks)`,
    "",
    `gold \`${report.gold}\` · k = ${report.k} · split ${report.split}`,
    "",
    comparisonTable(report),
    "",
    ...gateSection(report),
  ];
  for (const run of report.runs) {
    out.push(
      `### ${c.name} · ${run.name}`,
      "",
      `Settings: \`${JSON.stringify(run.settings)}\``,
      "",
      `Retrieval metrics computed on the ${retrievalLabel(run.retrieval)}.`,
      "",
    );
    out.push(typeTable(run, report.k), "", latencyTable(run), "");
    if (!withQuestions) continue;
    const missed = run.results.map((r) => ({ r, misses: describeMisses(r, report.k) })).filter((x) => x.misses.length);
    out.push(`#### Questions with a miss (${missed.length} of ${run.results.length})`, "");
    for (const { r, misses } of missed) out.push(`- **${r.id}** (${r.type}, ${r.split}) ${r.question.replace(/\n/gu, " ")} — ${misses.join("; ")}`);
    out.push("");
  }
  return out.join("\n");
}

/** The Markdown report of a suite: the per-corpus summary (held-out first), then each corpus. */
export function renderMarkdown(suite: Suite, { withQuestions = true } = {}): string {
  return [
    "# citebot eval",
    "",
    `${suite.createdAt} · k = ${suite.k} · held-out corpora first; their settings were never chosen on them`,
    "",
    suiteTable(suite),
    "",
    ...orderForReading(suite.reports).map((r) => renderCorpusMarkdown(r, { withQuestions })),
  ].join("\n");
}
