import type { QuestionProfile } from "../question.js";
import { weightedShare, type ScoredSentence } from "./sentence-score.js";

/** What the lead-sentence model sees of one candidate, among the question's candidates. */
export interface LeadContext {
  profile: QuestionProfile;
  /** The best composite score among the candidates, to put each score on one scale per question. */
  bestScore: number;
}

const LONG = 60;
const SHORT = 6;
/** Where a definition's verb sits: "A descriptor is …", "asyncio.TaskGroup is an asynchronous context manager …". */
const DEFINITION_SPAN = 12;

/**
 * The features of a candidate for opening the answer, each in [0, 1]. They are the composer's own signals
 * (coverage, names, answer kind, retrieval rank) plus the sentence's form, so that the model fitted on them
 * (eval/fit-lead.ts) learns which of those make a sentence state the answer rather than restate the question.
 */
export const LEAD_FEATURES = {
  relativeScore: (c: ScoredSentence, x: LeadContext) => (x.bestScore > 0 ? c.score / x.bestScore : 0),
  coverage: (c: ScoredSentence) => c.coverage,
  inContext: (c: ScoredSentence, x: LeadContext) => weightedShare(x.profile.weights, c.termHits),
  names: (c: ScoredSentence, x: LeadContext) => (x.profile.subjects.length ? weightedShare(x.profile.weights, c.spelled, x.profile.subjects) : 1),
  rank: (c: ScoredSentence) => 1 / (1 + c.hit),
  statesAnswer: (c: ScoredSentence) => (c.statesAnswer ? 1 : 0),
  kind: (c: ScoredSentence, x: LeadContext) => (holdsAskedKind(c, x.profile) ? 1 : 0),
  newName: (c: ScoredSentence, x: LeadContext) => (givesNewName(c, x.profile) ? 1 : 0),
  namesAskedThing: (c: ScoredSentence, x: LeadContext) => (x.profile.asksForThing && (givesNewName(c, x.profile) || c.sentence.hasCode) ? 1 : 0),
  code: (c: ScoredSentence) => (c.sentence.hasCode ? 1 : 0),
  novelty: (c: ScoredSentence, x: LeadContext) => novelty(c, x.profile),
  definition: (c: ScoredSentence) => (definesSomething(c.sentence.quote) ? 1 : 0),
  long: (c: ScoredSentence) => Math.min(1, c.sentence.words / LONG),
  short: (c: ScoredSentence) => (c.sentence.words < SHORT ? 1 : 0),
  fragment: (c: ScoredSentence) => (c.sentence.fragment ? 1 : 0),
  reference: (c: ScoredSentence) => (c.sentence.reference ? 1 : 0),
  opensParagraph: (c: ScoredSentence) => (c.sentence.opensParagraph ? 1 : 0),
  opensPassage: (c: ScoredSentence) => (c.sentence.start === 0 ? 1 : 0),
} as const satisfies Record<string, (c: ScoredSentence, x: LeadContext) => number>;

export type LeadFeatureName = keyof typeof LEAD_FEATURES;

export function leadFeatureVector(c: ScoredSentence, x: LeadContext, features: readonly LeadFeatureName[]): number[] {
  return features.map((f) => LEAD_FEATURES[f](c, x));
}

/** The kind of thing the question asks for: a figure, a date, a command, a byline, a name it does not already give. */
function holdsAskedKind(c: ScoredSentence, profile: QuestionProfile): boolean {
  const s = c.sentence;
  switch (profile.type) {
    case "author":
      return s.byline;
    case "quantity":
      return s.hasNumber;
    case "time":
      return s.hasDate;
    case "howto":
      return s.hasCode;
    case "person":
    case "place":
      return givesNewName(c, profile);
    default:
      return false;
  }
}

const givesNewName = (c: ScoredSentence, profile: QuestionProfile) => [...c.sentence.entities].some((e) => !profile.terms.includes(e));

/** Share of the sentence's words that the question does not use: what it adds. */
function novelty(c: ScoredSentence, profile: QuestionProfile): number {
  const terms = [...c.sentence.terms];
  if (terms.length === 0) return 0;
  const asked = new Set(profile.terms);
  return terms.filter((t) => !asked.has(t)).length / terms.length;
}

function definesSomething(quote: string): boolean {
  const head = quote.split(/\s+/u).slice(0, DEFINITION_SPAN).join(" ");
  return /\b(?:is|are) (?:a|an|the|one|used|called)\b|\brefers to\b|\bmeans\b/u.test(head);
}
