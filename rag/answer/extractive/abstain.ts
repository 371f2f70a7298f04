import { answerProbability } from "../abstention-model.js";
import { isDateToken } from "../entities.js";
import { spellsIdentifier } from "../identifiers.js";
import type { QuestionProfile } from "../question.js";
import { STEM_MATCH } from "../../terms/term-matcher.js";
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
  /**
   * For a question asking for a kind of thing (a figure, a date, a name; QuestionProfile.kind): how well the best
   * sentence that holds such a thing covers the question, as a share of the best coverage of any sentence (1 when the
   * best sentence holds one, 0 when none does). 1 for questions that ask for no particular kind.
   */
  answerKind: number;
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
  const answerKind = kindShare(profile, passages, candidates);
  const signals = { support, missingNames, acronyms: [...profile.acronyms], missingIdentifiers, names, spelled, answerKind };
  return { ...signals, score: answerProbability(signals) };
}

function kindShare(profile: QuestionProfile, passages: readonly MatchedPassage[], candidates: readonly ScoredSentence[]): number {
  if (profile.kind === undefined) return 1;
  const share = (c: ScoredSentence) => weightedShare(profile.weights, c.termHits);
  const best = Math.max(0, ...candidates.map(share));
  if (best === 0) return 0;
  const holding = candidates.filter((c) => holdsKind(profile, passages[c.hit]!, c));
  return Math.min(1, Math.max(0, ...holding.map(share)) / best);
}

/** Whether the sentence holds the kind of thing asked for: a figure by the thing counted, a date, a name not asked about. */
function holdsKind(profile: QuestionProfile, passage: MatchedPassage, c: ScoredSentence): boolean {
  switch (profile.kind) {
    case "figure":
      return c.statesAnswer;
    case "date":
      return c.sentence.hasDate;
    case "name":
      return (profile.type === "author" && c.sentence.byline) || nameNextToQuestion(profile, passage, c);
    default:
      return true;
  }
}

const NAME_WINDOW = 3;
/** A name the question does not mention within a few words of one of the question's plain (not name) words. */
function nameNextToQuestion(profile: QuestionProfile, passage: MatchedPassage, c: ScoredSentence): boolean {
  const subjects = new Set(profile.subjects);
  const asked = (t: string) => passage.matches.some((m) => (m.get(t) ?? 0) >= STEM_MATCH);
  const plain = profile.terms.flatMap((_, i) => (subjects.has(i) ? [] : [i]));
  const tokens = c.sentence.tokens;
  const anchors = tokens.flatMap((t, k) => (plain.some((i) => (passage.matches[i]!.get(t) ?? 0) >= STEM_MATCH) ? [k] : []));
  return tokens.some((t, k) => c.sentence.entities.has(t) && !isDateToken(t) && !asked(t) && anchors.some((a) => Math.abs(a - k) <= NAME_WINDOW));
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
