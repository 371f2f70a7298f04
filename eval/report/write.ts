import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { describeMisses, type Suite } from "./report.js";

/** Writes report.json, report.md and report.html into `outDir`; returns their paths. */
export async function writeReports(report: Suite, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ["report.json", `${JSON.stringify(report, null, 2)}\n`],
    ["report.md", renderMarkdown(report)],
    ["report.html", renderHtml(report)],
  ];
  await Promise.all(files.map(([name, text]) => writeFile(path.join(outDir, name), text)));
  return files.map(([name]) => path.join(outDir, name));
}

/** The committed summary (eval/results/latest.{md,json}): metrics and the ids that missed, no answers. */
export async function writeLatest(report: Suite, resultsDir: string): Promise<string[]> {
  await mkdir(resultsDir, { recursive: true });
  const slim = {
    ...report,
    reports: report.reports.map((corpus) => ({
      ...corpus,
      runs: corpus.runs.map(({ results, ...run }) => ({
        ...run,
        missed: results.filter((r) => describeMisses(r, report.k).length).map((r) => r.id),
      })),
    })),
  };
  const json = path.join(resultsDir, "latest.json");
  const md = path.join(resultsDir, "latest.md");
  await writeFile(json, `${JSON.stringify(slim, null, 2)}\n`);
  await writeFile(md, renderMarkdown(report, { withQuestions: false }));
  return [json, md];
}
