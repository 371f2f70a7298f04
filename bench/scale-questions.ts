import type { Chunk } from "../core/types.js";
import { splitSentences } from "../ingest/index.js";
import { seededRandom } from "./synthetic-corpus.js";

const OPENINGS = ["What does the manual say about", "How do I use", "Why would", "When should I", "Explain", "What is meant by"];

/**
 * `n` distinct questions built from the chunks' own sentences: an opening and a run of 4–9 words from a
 * random sentence, so each question is new to the server (as real traffic is) yet answerable from the corpus.
 */
export function questionsFrom(chunks: readonly Chunk[], n: number, seed = 3): string[] {
  const rand = seededRandom(seed);
  const out = new Set<string>();
  for (let tries = 0; out.size < n && tries < n * 20; tries++) {
    const chunk = chunks[Math.floor(rand() * chunks.length)]!;
    const sentences = splitSentences(chunk.text)
      .map((s) => s.text.match(/[\p{L}\p{N}'-]+/gu) ?? [])
      .filter((w) => w.length >= 6);
    const words = sentences[Math.floor(rand() * sentences.length)];
    if (!words) continue;
    const length = 4 + Math.floor(rand() * 6);
    const from = Math.floor(rand() * Math.max(1, words.length - length));
    out.add(`${OPENINGS[Math.floor(rand() * OPENINGS.length)]} ${words.slice(from, from + length).join(" ")}?`);
  }
  return [...out];
}
