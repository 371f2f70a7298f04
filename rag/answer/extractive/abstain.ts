import { answerProbability } from "../abstention-model.js";
import { spellsIdentifier } from "../identifiers.js";
import type { QuestionProfile } from "../question.js";
import { STEM_MATCH } from "../term-match.js";
import { weightedShare, type MatchedPassage, type ScoredSentence } from "./sentence-score.js";

/**
 * When to say "the documents don't say". The composer's signals about what it would quote become the features
 * of one logistic model (abstention-model.ts), fitted offline on the tune corpora's questions by
 * eval/fit-abstention.ts; the answer abstains when the model's probability that the passages answer is below
 * the threshold fitted with it. Only the selected sentences count as support: the sentences quoted after them
 * as context (continuation.ts) do not.
 */

/** The signals the abstention rule combines. */
export interface Evidence {
  /**
   * Best question coverage by one sentence that could answer: any selected sentence, or for a
   * "how many/when" question a sentence with a figure/date that also names the thing counted.
   */
  support: number;
  /** Names and figures of the question that no retrieved passage mentions. */
  missingNames: string[];
  /** The question's terms written in capitals ("CPU"), which the model weighs apart when missing. */
  acronyms: string[];
  /** Technical names of the question (`work_mem`, `--no-edit`) that no retrieved passage spells. */
  missingIdentifiers: string[];
  /** Best share of the question's weighted terms that one passage spells (exact or stem), anywhere in it. */
  spelled: number;
  /**
   * Whether the question's names occur together: for each part of the question, the best share of
   * its subject names that one sentence (with its context) spells; the weakest part counts.
   */
  names: number;
  /** The model's probability that the passages answer the question, compared with the threshold. */
  score: number;
}

export function assessEvidence(
  profile: QuestionProfile,
  passages: readonly MatchedPassage[],
  candidates: readonly ScoredSentence[],
  picked: readonly ScoredSentence[],
): Evidence {
  const answering = profile.type === "quantity" || profile.type === "time" ? candidates.filter((c) => c.statesAnswer) : picked;
  const support = Math.max(0, ...answering.map((p) => weightedShare(profile.weights, p.termHits)));
  // A name is found by its spelling (exact or stem), never by a similar word: "Macron" is not "Scholz".
  // Names that only say where to look ("according to the IAI commentary") may sit in a passage not retrieved.
  const missingNames = profile.subjects
    .filter((i) => !passages.some((p) => [...p.matches[i]!.values()].some((m) => m >= STEM_MATCH)))
    .map((i) => profile.terms[i]!);
  const names = nameCooccurrence(profile, candidates);
  // Most questions name no identifier: the passages are lowercased only for those that do.
  const texts = profile.identifiers.length ? passages.map((p) => p.info.text.toLowerCase()) : [];
  const missingIdentifiers = profile.identifiers.filter((id) => !texts.some((t) => spellsIdentifier(t, id)));
  const spelled = Math.max(
    0,
    ...passages.map((p) =>
      weightedShare(
        profile.weights,
        p.matches.map((m) => (hasSpelling(m) ? 1 : 0)),
      ),
    ),
  );
  const signals = { support, missingNames, acronyms: [...profile.acronyms], missingIdentifiers, names, spelled };
  return { ...signals, score: answerProbability(signals) };
}

const hasSpelling = (matches: ReadonlyMap<string, number>) => [...matches.values()].some((m) => m >= STEM_MATCH);

function nameCooccurrence(profile: QuestionProfile, candidates: readonly ScoredSentence[]): number {
  const subjects = new Set(profile.subjects);
  let weakest = 1;
  for (const clause of profile.clauses) {
    const names = clause.filter((i) => subjects.has(i));
    if (names.length === 0) continue;
    weakest = Math.min(weakest, Math.max(0, ...candidates.map((c) => weightedShare(profile.weights, c.spelled, names))));
  }
  return weakest;
}

/** Abstain below the threshold (a probability); a threshold of 0 never abstains (for baselines). */
export function shouldAbstain(evidence: Evidence, threshold: number): boolean {
  return evidence.score < threshold;
}
