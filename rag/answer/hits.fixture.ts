import type { Hit } from "../../core/types.js";

/** A retrieved passage for composer tests: one chunk of `source`, by default its first. */
export function hit(source: string, title: string, text: string, { id = `${source}#0`, start = 0, score = 1 } = {}): Hit {
  return {
    chunk: { id, source, title, page: null, date: null, start, end: start + text.length, text },
    score,
    via: "hybrid",
  };
}
