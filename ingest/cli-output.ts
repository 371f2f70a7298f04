import cliProgress from "cli-progress";
import type { IngestProgress, IngestSummary } from "./run-ingest.js";

export interface ProgressReporter {
  update(event: IngestProgress): void;
  stop(): void;
}

/**
 * A progress bar over files on a terminal; in logs (not a TTY), a line at start, one per skipped
 * file, and one at each tenth of the files, so CI output stays short but shows the run is alive.
 */
export function createProgressReporter(out: NodeJS.WriteStream): ProgressReporter {
  return out.isTTY ? barReporter(out) : lineReporter(out);
}

function barReporter(out: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    { stream: out, format: "{bar} {value}/{total} files | {status}", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(e) {
      if (e.type === "start") {
        bar.start(e.files, 0, { status: startLine(e) });
        started = true;
      } else if (e.type === "file") {
        // Skipped files are listed, with reasons, in the summary printed after the bar.
        bar.update(e.done, { status: `${e.status} ${e.source}${e.reason ? ` (${e.reason})` : ""}` });
      } else bar.update({ status: `writing ${e.indexDir}` });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

function lineReporter(out: NodeJS.WriteStream): ProgressReporter {
  let step = 1;
  let nextMark = 0;
  return {
    update(e) {
      if (e.type === "start") {
        out.write(`${startLine(e)}\n`);
        step = Math.max(1, Math.ceil(e.files / 10));
        nextMark = step;
      } else if (e.type === "file") {
        if (e.status === "skipped") out.write(`  skipped ${e.source}: ${e.reason}\n`);
        if (e.done >= nextMark && e.done < e.total) {
          out.write(`  ${e.done}/${e.total} files\n`);
          nextMark += step;
        }
      } else out.write(`  writing ${e.indexDir}\n`);
    },
    stop() {},
  };
}

function startLine(e: Extract<IngestProgress, { type: "start" }>): string {
  const why = e.fullBuild ? ` (full build: ${e.fullBuild})` : "";
  return `Ingesting ${e.files} file(s), ${e.toIndex} to index${why}`;
}

/** The run's outcome in a few lines, each skipped file with its reason. */
export function formatSummary(s: IngestSummary): string {
  const f = s.files;
  const lines = [
    `${s.written ? "Indexed" : "Index up to date:"} ${f.indexed.length} new or changed, ${f.unchanged.length} unchanged, ` +
      `${f.removed.length} removed, ${f.skipped.length} skipped; ${s.chunks.total} chunks ` +
      `(${s.chunks.embedded} embedded), ${formatBytes(s.bytes.indexed)} indexed, in ${(s.ms / 1000).toFixed(1)} s`,
    `  index: ${s.indexDir}${s.written ? "" : " (left as it was)"}`,
  ];
  for (const skip of f.skipped) lines.push(`  skipped ${skip.message}`);
  for (const source of f.removed) lines.push(`  removed ${source}`);
  return lines.join("\n");
}

function formatBytes(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} KB`;
  return `${n} B`;
}
