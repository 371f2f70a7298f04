import { splitSentences } from "../../ingest/index.js";

const MARKER_GROUP = /(?:\s*\[\d+\])+/gu;

/** Every marker number in order of appearance, duplicates kept. */
export function markerIds(answer: string): number[] {
  return [...answer.matchAll(/\[(\d+)\]/gu)].map((m) => Number(m[1]));
}

export interface CitedSentence {
  /** The sentence without markers. */
  text: string;
  /** Marker numbers that cite it; empty when the sentence carries none. */
  markers: number[];
}

/**
 * Splits an answer into sentences with the markers that cite each. A marker group cites the text written
 * since the previous group ("A. [1] B. C. [2]" → A by 1, B and C by 2); text after the last group is uncited.
 */
export function citedSentences(answer: string): CitedSentence[] {
  const out: CitedSentence[] = [];
  let from = 0;
  const push = (text: string, markers: number[]) => {
    for (const s of splitSentences(text)) out.push({ text: s.text, markers });
  };
  for (const m of answer.matchAll(MARKER_GROUP)) {
    push(answer.slice(from, m.index), markerIds(m[0]));
    from = m.index + m[0].length;
  }
  push(answer.slice(from), []);
  return out.filter((s) => /[\p{L}\p{N}]/u.test(s.text));
}
