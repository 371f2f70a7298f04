import { foldText } from "../normalize.js";

/**
 * Fact recall: an answer is correct when every fact group is present, i.e. for each group at least
 * one of its acceptable strings occurs (case-, diacritic-, whitespace- and quote-insensitive).
 * `[n]` markers are ignored. A question with no fact groups counts as recalled only if answered.
 */
export function factGroupsMissing(answer: string, facts: readonly (readonly string[])[]): string[][] {
  const text = foldText(stripMarkers(answer));
  return facts.filter((group) => !group.some((f) => text.includes(foldText(f)))).map((g) => [...g]);
}

export interface FactRecall {
  /** 1 when every group is present and the answer did not abstain; else 0. */
  score: number;
  /** Share of groups present (partial credit, for diagnosis). */
  share: number;
  missing: string[][];
}

export function factRecall(answer: string, abstained: boolean, facts: readonly (readonly string[])[]): FactRecall {
  if (abstained) return { score: 0, share: 0, missing: facts.map((g) => [...g]) };
  const missing = factGroupsMissing(answer, facts);
  const share = facts.length ? (facts.length - missing.length) / facts.length : 1;
  return { score: missing.length ? 0 : 1, share, missing };
}

/** Removes inline citation markers such as [1] or [2][3]. */
export function stripMarkers(text: string): string {
  return text.replace(/\s*\[\d+\]/gu, "");
}
