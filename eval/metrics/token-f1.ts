import { stripMarkers } from "./fact-recall.js";
import { tokenize } from "../../ingest/index.js";

/** SQuAD-style token F1 between an answer (markers stripped) and the gold answer, over the shared tokenizer. */
export function tokenF1(answer: string, gold: string): number {
  const predicted = tokenize(stripMarkers(answer));
  const expected = tokenize(gold);
  if (!predicted.length || !expected.length) return predicted.length === expected.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of expected) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of predicted) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}
