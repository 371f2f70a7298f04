import { SingleBar, Presets } from "cli-progress";
import type { QuestionResult } from "./score.js";

export interface Progress {
  start(label: string, total: number): void;
  update(result: QuestionResult, done: number): void;
  stop(): void;
}

const mark = (r: QuestionResult) => (r.error ? "error" : r.abstentionCorrect && (r.fact?.score ?? 1) === 1 ? "ok" : "miss");

/** A progress bar on a terminal; one plain line per question otherwise (CI logs). Writes to stderr. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new SingleBar({ stream, format: "{label} [{bar}] {value}/{total} {id}", hideCursor: true }, Presets.shades_classic);
    return {
      start: (label, total) => bar.start(total, 0, { label, id: "" }),
      update: (r, done) => bar.update(done, { id: `${r.id} ${mark(r)}` }),
      stop: () => bar.stop(),
    };
  }
  let label = "";
  let total = 0;
  return {
    start: (l, t) => {
      label = l;
      total = t;
    },
    update: (r, done) => stream.write(`${label} [${done}/${total}] ${r.id} ${mark(r)}\n`),
    stop: () => {},
  };
}
