import { foldText } from "../normalize.js";

/**
 * Fact recall: an answer is correct when every fact group is present, i.e. for each group at least
 * one of its acceptable strings occurs (case-, diacritic-, whitespace- and quote-insensitive) where a word
 * starts, and a figure only as a whole figure ("28" is not found in "2028" or "280", "5" not in "1.5").
 * A fact may be a stem ("exacerbat"), so letters may follow it. `[n]` markers are ignored. A question
 * with no fact groups counts as recalled only if answered.
 */
export function factGroupsMissing(answer: string, facts: readonly (readonly string[])[]): string[][] {
  const text = foldText(stripMarkers(answer));
  return facts.filter((group) => !group.some((f) => factPattern(f).test(text))).map((g) => [...g]);
}

function factPattern(fact: string): RegExp {
  const folded = foldText(fact);
  const escaped = folded.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
  const wholeFigure = /\p{N}$/u.test(folded) ? String.raw`(?![.,]?\p{N})` : "";
  return new RegExp(String.raw`(?<![\p{L}\p{N}]|\p{N}[.,])${escaped}${wholeFigure}`, "u");
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
