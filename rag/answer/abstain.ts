import type { QuestionProfile } from "./question.js";
import { STEM_MATCH } from "./term-match.js";
import { passageCoverage, weightedShare, type MatchedPassage, type ScoredSentence } from "./sentence-score.js";

/** The signals the abstention rule combines; all in [0, 1] except the list of missing names. */
export interface Evidence {
  /**
   * Best question coverage by one sentence that could answer: any selected sentence, or for a
   * "how many/when" question a sentence with a figure/date that also names the thing counted.
   */
  support: number;
  /** Best question coverage by one retrieved passage. */
  passage: number;
  /** Names and figures of the question that no retrieved passage mentions. */
  missingNames: string[];
  /**
   * Whether the question's names occur together: for each part of the question, the best share of
   * its subject names that one sentence (with its context) spells; the weakest part counts.
   */
  names: number;
  /** The combined score compared with the threshold. */
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
  const passage = Math.max(0, ...passages.map((p) => passageCoverage(profile, p)));
  // A name is found by its spelling (exact or stem), never by a similar word: "Macron" is not "Scholz".
  // Names that only say where to look ("according to the IAI commentary") may sit in a passage not retrieved.
  const missingNames = profile.subjects
    .filter((i) => !passages.some((p) => [...p.matches[i]!.values()].some((m) => m >= STEM_MATCH)))
    .map((i) => profile.terms[i]!);
  const names = nameCooccurrence(profile, candidates);
  // A name the passages never mention means they are about something else, whatever else matches.
  const score = missingNames.length > 0 ? 0 : support * names;
  return { support, passage, missingNames, names, score };
}

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

/** Abstain below the threshold; a threshold of 0 never abstains (for baselines). */
export function shouldAbstain(evidence: Evidence, threshold: number): boolean {
  return evidence.score < threshold;
}
