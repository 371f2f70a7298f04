import type { PassageInfo, SentenceInfo } from "./passage-cache.js";
import type { QuestionProfile } from "../question.js";
import { STEM_MATCH } from "../../terms/term-matcher.js";
import { compoundParts } from "../../../ingest/index.js";

/** One candidate sentence of one retrieved passage, scored against the question. */
export interface ScoredSentence {
  /** Index of the hit (retrieval rank) the sentence comes from. */
  hit: number;
  sentence: SentenceInfo;
  /** Per question term (profile order): how well the sentence, read in its context, matches it. */
  termHits: number[];
  /** Weighted share of the question's terms the sentence itself matches, in [0, 1]. */
  coverage: number;
  /**
   * For "how many X" and "when" questions: the sentence states what is asked, a figure right next to
   * X ("30,000 men"; any sum for "how much money") or a date. False for other questions.
   */
  statesAnswer: boolean;
  /** Per question term: 1 when the sentence, the one before it or the title spells it (exact or stem). */
  spelled: number[];
  /** Ranking score: coverage plus context, answer-type and retrieval-rank credit, times form and name factors. */
  score: number;
}

/** A retrieved passage with the passage words matching each question term (see TermMatcher). */
export interface MatchedPassage {
  info: PassageInfo;
  matches: ReadonlyMap<string, number>[];
}

// Coverage dominates; the passage context credits sentences next to the evidence; rank breaks ties
// toward what retrieval trusted most.
const W_SENTENCE = 0.75;
const W_PASSAGE = 0.15;
const W_RANK = 0.1;
const TYPE_BONUS = 0.15;
const BYLINE_BONUS = 0.3;
/** Credit for a term that the previous sentence or the document title matches ("he said …"). */
const CONTEXT = 0.5;
/**
 * Share of a sentence's score that depends on spelling the question's names (in the sentence, the one
 * before or the title): a sentence about the people and places asked about outranks one that shares only
 * the question's other words.
 * Chosen on the gold tune split: 0.3 raised token F1 0.25 → 0.27 with fact recall and citation precision
 * unchanged; from 0.4 a fact is lost (para-02). Held-out: citation precision 0.81 → 0.94, F1 0.23 → 0.26.
 */
const NAME_WEIGHT = 0.3;
const FOCUS_WINDOW = 4;
// A focus word that any sum of money answers: "how much money/funding …".
const MONEY_WORDS = new Set(["money", "funding", "funds", "cash", "cost", "costs", "price", "aid"]);
const FOCUS_MATCH = 0.5;
const SHORT_WORDS = 5;
const LONG_WORDS = 70;

/** Weighted share of the question's terms found anywhere in the passage. */
function passageCoverage(profile: QuestionProfile, passage: MatchedPassage): number {
  return weightedShare(
    profile.weights,
    passage.matches.map((m) => Math.max(0, ...m.values())),
  );
}

/** Σ weight·hit / Σ weight over the given term indices (all terms by default). */
export function weightedShare(weights: readonly number[], hits: readonly number[], indices?: readonly number[]): number {
  let covered = 0;
  let total = 0;
  for (const i of indices ?? weights.keys()) {
    covered += weights[i]! * hits[i]!;
    total += weights[i]!;
  }
  return total > 0 ? covered / total : 0;
}

export function scoreSentences(profile: QuestionProfile, passages: readonly MatchedPassage[]): ScoredSentence[] {
  // For "what is X?", the sentence a heading introduces defines what the heading names: its words count as the sentence's own.
  const lead = (p: MatchedPassage) => (profile.type === "definition" ? p.info.lead : -1);
  const own = passages.map((p) =>
    p.info.sentences.map((s, j) => p.matches.map((m) => Math.max(bestMatch(m, s.terms), j === lead(p) ? bestMatch(m, p.info.headingTerms) : 0))),
  );
  return passages.flatMap((p, hit) => {
    const title = p.matches.map((m) => bestMatch(m, p.info.titleTerms));
    const isSpelled = (hits: readonly number[] | undefined, i: number) => (hits?.[i] ?? 0) >= STEM_MATCH;
    const context = W_PASSAGE * passageCoverage(profile, p) + W_RANK / (1 + hit);
    return p.info.sentences.map((sentence, j): ScoredSentence => {
      const mine = own[hit]![j]!;
      const before = own[hit]![j - 1];
      const termHits = mine.map((h, i) => Math.max(h, CONTEXT * (before?.[i] ?? 0), CONTEXT * title[i]!));
      const coverage = weightedShare(profile.weights, mine);
      const ranked = weightedShare(profile.weights, termHits);
      const bonus = coverage > 0 || sentence.byline ? typeBonus(profile, sentence) + defaultBonus(profile, sentence) : 0;
      const statesAnswer = answersType(profile, p.matches, sentence);
      const spelledHere = termHits.map((_, i) => (isSpelled(mine, i) || isSpelled(before, i) || isSpelled(title, i) ? 1 : 0));
      const score = (W_SENTENCE * ranked + context + bonus) * formFactor(profile, sentence) * nameFactor(profile, spelledHere);
      return { hit, sentence, termHits, coverage, statesAnswer, spelled: spelledHere, score };
    });
  });
}

/** The score the sentence would have if only some of the question's terms (one clause) counted. */
export function rescore(profile: QuestionProfile, s: ScoredSentence, indices: readonly number[]): number {
  const delta = weightedShare(profile.weights, s.termHits, indices) - weightedShare(profile.weights, s.termHits);
  return s.score + W_SENTENCE * delta * formFactor(profile, s.sentence) * nameFactor(profile, s.spelled);
}

/** 1 when the sentence (with its context) spells all the question's names, down to 1 − NAME_WEIGHT when none. */
function nameFactor(profile: QuestionProfile, spelled: readonly number[]): number {
  if (profile.subjects.length === 0) return 1;
  return 1 - NAME_WEIGHT + NAME_WEIGHT * weightedShare(profile.weights, spelled, profile.subjects);
}

function bestMatch(matches: ReadonlyMap<string, number>, terms: ReadonlySet<string>): number {
  let best = 0;
  for (const [word, strength] of matches) if (strength > best && terms.has(word)) best = strength;
  return best;
}

function answersType(profile: QuestionProfile, matches: readonly ReadonlyMap<string, number>[], s: SentenceInfo): boolean {
  if (profile.type === "time") return s.hasDate;
  if (profile.type !== "quantity") return false;
  if (s.hasMoney && profile.focus.some((i) => MONEY_WORDS.has(profile.terms[i]!))) return true;
  return s.hasNumber && (profile.focus.length === 0 || figureNextToFocus(profile, matches, s));
}

/** "How many soldiers": a figure within a few words of "soldiers" ("28-point plan" counts points). */
function figureNextToFocus(profile: QuestionProfile, matches: readonly ReadonlyMap<string, number>[], s: SentenceInfo): boolean {
  const figures = s.tokens.flatMap((t, k) => (isFigure(t) ? [k] : []));
  const strength = (m: ReadonlyMap<string, number>, token: string) => Math.max(m.get(token) ?? 0, ...compoundParts(token).map((p) => m.get(p) ?? 0));
  return profile.focus.every((i) => s.tokens.some((t, k) => strength(matches[i]!, t) >= FOCUS_MATCH && figures.some((f) => Math.abs(f - k) <= FOCUS_WINDOW)));
}

const isFigure = (t: string) => /\d/u.test(t) || /^(?:hundreds|thousands|millions|billions|dozens)$/u.test(t);

/** Credit for containing the kind of thing the question asks for (a figure, a date, a name). */
function typeBonus(profile: QuestionProfile, s: SentenceInfo): number {
  switch (profile.type) {
    case "author":
      return s.byline ? BYLINE_BONUS : 0;
    case "quantity":
      return s.hasNumber ? TYPE_BONUS : 0;
    case "time":
      return s.hasDate ? TYPE_BONUS : 0;
    case "howto":
      return s.hasCode || s.shows !== undefined ? TYPE_BONUS : 0;
    case "definition":
      return profile.defines?.test(s.quote) ? TYPE_BONUS : 0;
    case "person":
    case "place":
      return [...s.entities].some((e) => !profile.terms.includes(e)) ? TYPE_BONUS / 2 : 0;
    default:
      return 0;
  }
}

const DEFAULT_WORDS = new Set(["default", "defaults", "defaulted", "defaulting"]);

/** Credit for saying what something defaults to ("by default", "defaults to"), when that is what the question asks. */
const defaultBonus = (profile: QuestionProfile, s: SentenceInfo) => (profile.asksDefault && s.tokens.some((t) => DEFAULT_WORDS.has(t)) ? TYPE_BONUS : 0);

/** Headings, bylines, references and sentences cut by the chunk boundary make poor quotes. */
function formFactor(profile: QuestionProfile, s: SentenceInfo): number {
  // Except that a byline is the answer to "who wrote …".
  if (profile.type === "author" && s.byline) return 1;
  let f = 1;
  if (s.words < SHORT_WORDS) f *= 0.5;
  if (s.words > LONG_WORDS) f *= 0.85;
  // A sentence introducing a code block ends with a colon; a how-to answer quotes the block with it.
  if (s.fragment && !(profile.type === "howto" && s.shows !== undefined)) f *= 0.7;
  if (s.reference) f *= 0.3;
  if (s.headline && profile.type !== "definition") f *= 0.3;
  return f;
}
