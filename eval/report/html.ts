import escapeHtml from "escape-html";
import { METRIC_KEYS, type MetricKey } from "../summary.js";
import type { QuestionResult } from "../score.js";
import { metricLabel } from "./metric-labels.js";
import { extraRows, suiteTable } from "./markdown.js";
import { describeMisses, fmt, orderForReading, retrievalLabel, type Report, type RunReport, type Suite } from "./report.js";

const e = (x: unknown): string => escapeHtml(String(x));
const CHART_METRICS: readonly MetricKey[] = ["hitAtK", "factRecall", "abstentionAccuracy", "faithfulness"];
const COLORS = ["#2b6cb0", "#2f855a", "#b7791f", "#6b46c1"];

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1200px;color:#1a202c;padding:0 1rem}
h1{margin-bottom:.2rem}.meta{color:#4a5568;margin-top:0}
table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #e2e8f0;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f7fafc}td.num{text-align:right;font-variant-numeric:tabular-nums}
.chart{display:grid;grid-template-columns:9rem 1fr;gap:.25rem .75rem;align-items:center;margin:1rem 0}
.bars{display:flex;flex-direction:column;gap:2px}.bar{height:10px;border-radius:2px}.bar span{font-size:11px;margin-left:calc(100% + 4px);white-space:nowrap;position:relative;top:-3px}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
.ok{color:#2f855a}.miss{color:#c53030}ul.m{margin:0;padding-left:1.1rem}details{margin:.15rem 0}summary{cursor:pointer}
.q{max-width:22rem}.a{max-width:30rem}td.pass{background:#f0fff4}td.fail{background:#fff5f5}.gate li{color:#c53030}
body:has(#failures-only:checked) table.questions tr.pass{display:none}small{font-weight:normal;color:#4a5568}`;

function comparison(report: Report): string {
  const cols = report.runs.flatMap((run) =>
    (["all", "tune", "heldout"] as const).flatMap((split) => {
      const m = split === "all" ? run.summary.overall : run.summary.bySplit[split];
      return m ? [{ label: `${run.name} · ${split} (n=${m.n})`, m, run }] : [];
    }),
  );
  const head = `<tr><th>metric</th>${cols.map((c) => `<th>${e(c.label)}</th>`).join("")}</tr>`;
  const rows = METRIC_KEYS.map(
    (key) => `<tr><td>${e(metricLabel(key, report.k))}</td>${cols.map((c) => `<td class="num">${fmt(c.m[key])}</td>`).join("")}</tr>`,
  );
  const extras = cols.map((c) => extraRows(c.m));
  extras[0]?.forEach(([label], i) => rows.push(`<tr><td>${e(label)}</td>${extras.map((x) => `<td class="num">${e(x[i]![1])}</td>`).join("")}</tr>`));
  rows.push(`<tr><td>retrieval metrics on</td>${cols.map((c) => `<td>${e(retrievalLabel(c.run.retrieval))}</td>`).join("")}</tr>`);
  return `<table>${head}${rows.join("")}</table>`;
}

/** The suite's summary table, held-out corpora first: the Markdown one, as HTML. */
function summaryTable(suite: Suite): string {
  const [head, , ...rows] = suiteTable(suite)
    .split("\n")
    .map((line) => line.slice(2, -2).split(" | "));
  const cell = (tag: string, x: string) => `<${tag}>${e(x.replace(/\\\|/gu, "|"))}</${tag}>`;
  return `<table><tr>${head!.map((h) => cell("th", h)).join("")}</tr>${rows.map((r) => `<tr>${r.map((x) => cell("td", x)).join("")}</tr>`).join("")}</table>`;
}

function chart(run: RunReport, k: number): string {
  const legend = CHART_METRICS.map((key, i) => `<span><i style="background:${COLORS[i]}"></i>${e(metricLabel(key, k))}</span>`).join("");
  const rows = Object.entries(run.summary.byType).map(([type, m]) => {
    const bars = CHART_METRICS.map((key, i) => {
      const v = m[key];
      const w = v === null ? 0 : Math.round(v * 100);
      return `<div class="bar" style="width:${w}%;background:${COLORS[i]}" title="${e(metricLabel(key, k))}: ${fmt(v)}"><span>${fmt(v)}</span></div>`;
    }).join("");
    return `<div>${e(type)} (${m.n})</div><div class="bars">${bars}</div>`;
  });
  return `<div class="legend">${legend}</div><div class="chart">${rows.join("")}</div>`;
}

function citationsCell(r: QuestionResult): string {
  return r.citations
    .map((c) => {
      const where = `${c.source}${c.page === null ? "" : ` p. ${c.page}`}`;
      return `<details><summary>[${c.id}] ${e(where)}</summary>${e(c.text)}</details>`;
    })
    .join("");
}

function answerCell(r: QuestionResult | undefined, k: number): string {
  if (!r) return "<td></td>";
  const misses = describeMisses(r, k);
  const missList = misses.length ? `<ul class="m">${misses.map((m) => `<li class="miss">${e(m)}</li>`).join("")}</ul>` : `<span class="ok">✓</span>`;
  const answer = r.abstained ? `<em>(abstained)</em> ${e(r.answer)}` : e(r.answer);
  return `<td class="a ${misses.length ? "fail" : "pass"}">${answer}${citationsCell(r)}${missList}</td>`;
}

/** One row per question, every run's answer side by side; the row counts as failed when ours missed. */
function questionTable(report: Report): string {
  const [ours, ...others] = report.runs;
  if (!ours) return "";
  const byId = others.map((run) => new Map(run.results.map((r) => [r.id, r])));
  const head = `<tr><th>id</th><th>question</th>${report.runs.map((run) => `<th>${e(run.name)}</th>`).join("")}</tr>`;
  const rows = ours.results.map((r) => {
    const failed = describeMisses(r, report.k).length > 0;
    const cells = [answerCell(r, report.k), ...byId.map((m) => answerCell(m.get(r.id), report.k))].join("");
    return `<tr class="${failed ? "fail" : "pass"}"><td>${e(r.id)}<br>${e(r.type)}<br>${e(r.split)}</td><td class="q">${e(r.question)}<details><summary>gold</summary>${e(r.goldAnswer)}</details></td>${cells}</tr>`;
  });
  return `<table class="questions">${head}${rows.join("")}</table>`;
}

function corpusSection(report: Report): string {
  const c = report.corpus;
  const settings = report.runs
    .map((run) => `<p class="meta">${e(run.name)}: ${e(JSON.stringify(run.settings))}; retrieval metrics on the ${e(retrievalLabel(run.retrieval))}.</p>`)
    .join("");
  const ours = report.runs[0];
  return `<section id="${e(c.name)}"><h2>${e(c.name)} <small>(${e(c.role)}: ${e(c.kind)}; ${e(c.documents ?? "?")} files, ${e(c.chunks ?? "?")} chunks)</small></h2>
${gate(report)}${comparison(report)}${settings}${ours ? chart(ours, report.k) : ""}${questionTable(report)}</section>`;
}

function gate(report: Report): string {
  if (!report.gate?.checked) return "";
  if (!report.gate.failures.length) return `<p class="ok">Gate: all metrics meet their thresholds.</p>`;
  const items = report.gate.failures.map(
    (f) => `<li>${e(f.run)}: ${e(f.metric)} = ${fmt(f.value)} ${f.kind === "min" ? "&lt;" : "&gt;"} ${e(f.threshold)}</li>`,
  );
  return `<div class="gate"><p>Gate failed:</p><ul>${items.join("")}</ul></div>`;
}

/**
 * A single self-contained HTML page (inline CSS, no scripts; the failures-only filter is a checkbox and CSS);
 * every text from answers and gold is escaped.
 */
export function renderHtml(suite: Suite): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>citebot eval ${e(suite.createdAt)}</title><style>${CSS}</style></head><body>
<h1>citebot eval</h1><p class="meta">${e(suite.createdAt)} · k = ${e(suite.k)} · held-out corpora first; no setting was chosen on them</p>
${summaryTable(suite)}<p><label><input type="checkbox" id="failures-only"> show only questions citebot missed</label></p>
${orderForReading(suite.reports).map(corpusSection).join("\n")}
</body></html>
`;
}
