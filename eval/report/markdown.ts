import { METRIC_KEYS, type Metrics } from "../summary.js";
import { metricLabel } from "./metric-labels.js";
import { describeMisses, fmt, fmtMs, retrievalLabel, type Report, type RunReport } from "./report.js";

const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/gu, "\\|").replace(/\n/gu, " ")).join(" | ")} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

const SPLITS = ["all", "tune", "heldout"] as const;
const bySplit = (run: RunReport, split: (typeof SPLITS)[number]): Metrics | undefined =>
  split === "all" ? run.summary.overall : run.summary.bySplit[split];

/** Metrics as rows, every run × split as columns: ours and the baseline side by side. */
export function comparisonTable(report: Report): string {
  const columns = report.runs.flatMap((run) => SPLITS.map((split) => ({ run, split, m: bySplit(run, split) }))).filter((c) => c.m);
  const head = ["metric", ...columns.map((c) => `${c.run.name} · ${c.split} (n=${c.m!.n})`)];
  const rows = METRIC_KEYS.map((key) => [metricLabel(key, report.k), ...columns.map((c) => fmt(c.m![key]))]);
  rows.push(["false abstentions / false answers", ...columns.map((c) => `${c.m!.falseAbstentions} / ${c.m!.falseAnswers}`)]);
  rows.push(["total p50 / p95 ms", ...columns.map((c) => `${fmtMs(c.m!.latency.total.p50)} / ${fmtMs(c.m!.latency.total.p95)}`)]);
  rows.push(["retrieval metrics on", ...columns.map((c) => retrievalLabel(c.run.retrieval))]);
  return table(head, rows);
}

export function typeTable(run: RunReport, k: number): string {
  const head = ["type", "n", ...METRIC_KEYS.map((key) => metricLabel(key, k))];
  return table(head, Object.entries(run.summary.byType).map(([type, m]) => [type, m.n, ...METRIC_KEYS.map((key) => fmt(m[key]))]));
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
  const lines = ["## Gate", ""];
  if (!report.gate.failures.length) return [...lines, "All metrics meet their thresholds.", ""];
  for (const f of report.gate.failures) lines.push(`- **${f.run}** ${f.metric} = ${fmt(f.value)} ${f.kind === "min" ? "<" : ">"} ${f.threshold}`);
  return [...lines, ""];
}

/** The Markdown report; `withQuestions` adds the list of questions with a miss (left out of latest.md). */
export function renderMarkdown(report: Report, { withQuestions = true } = {}): string {
  const out = [
    "# citebot eval",
    "",
    `${report.createdAt} · gold \`${report.gold}\` · k = ${report.k} · split ${report.split}`,
    "",
    comparisonTable(report),
    "",
    ...gateSection(report),
  ];
  for (const run of report.runs) {
    out.push(`## ${run.name}`, "", `Settings: \`${JSON.stringify(run.settings)}\``, "", `Retrieval metrics computed on the ${retrievalLabel(run.retrieval)}.`, "");
    out.push(typeTable(run, report.k), "", latencyTable(run), "");
    if (!withQuestions) continue;
    const missed = run.results.map((r) => ({ r, misses: describeMisses(r, report.k) })).filter((x) => x.misses.length);
    out.push(`### Questions with a miss (${missed.length} of ${run.results.length})`, "");
    for (const { r, misses } of missed) out.push(`- **${r.id}** (${r.type}, ${r.split}) ${r.question.replace(/\n/gu, " ")} — ${misses.join("; ")}`);
    out.push("");
  }
  return out.join("\n");
}
