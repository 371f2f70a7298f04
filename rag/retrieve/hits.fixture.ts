import type { Chunk, Hit } from "../../core/types.js";

/** A hand-made chunk for unit tests: `start`/`end` place it in its source. */
export function chunk(id: string, { source = "doc.txt", start = 0, end = 100, text = `text of ${id}` } = {}): Chunk {
  return { id, source, title: source, page: null, date: null, start, end, text };
}

export function hit(id: string, score: number, where: Parameters<typeof chunk>[1] = {}): Hit {
  return { chunk: chunk(id, where), score, via: "lexical" };
}
