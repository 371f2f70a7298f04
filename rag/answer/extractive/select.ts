import type { QuestionProfile } from "../question.js";
import { rescore, weightedShare, type ScoredSentence } from "./sentence-score.js";

export interface SelectOptions {
  maxSentences: number;
  /** A further sentence must score at least this share of the best one. */
  minRelativeScore: number;
}

const REDUNDANT_OVERLAP = 0.6;
const NOVELTY_WEIGHT = 0.5;
const MIN_NOVELTY = 0.05;
/** A sentence scoring this close to the best is taken even when it adds no new question word. */
const CLOSE_TO_BEST = 0.9;
const CONFLICT_RELATIVE_SCORE = 0.5;
const CONFLICT_SHARED_WORDS = 0.25;
const CONFLICT_COVERAGE = 0.6;
/** Sentences an open question ("why", "how did X react", "how does A differ") may quote: one point each. */
const OPEN_SENTENCES = 4;
/** Share of a further point's content words that no picked sentence has. */
const MIN_NEW_CONTENT = 0.5;

/**
 * Picks the few sentences that answer: the best one, the best one for each part of a multi-part
 * question, then others close to the best that add something new (for an open question, up to
 * OPEN_SENTENCES points whose words are mostly new to the answer); plus a strong sentence that
 * states a different figure for the same thing (passages that disagree are both quoted, never
 * silently resolved) and a quotation that follows a picked sentence.
 */
export function selectSentences(candidates: readonly ScoredSentence[], profile: QuestionProfile, opts: SelectOptions): ScoredSentence[] {
  const ranked = dedupe(candidates).sort((a, b) => b.score - a.score || a.hit - b.hit);
  const best = ranked[0];
  // A byline can lead without sharing a word with the question ("who wrote …"), but some sentence must share one.
  if (!best || !ranked.some((c) => c.coverage > 0)) return [];
  const picked: ScoredSentence[] = [best];
  if (profile.clauses.length > 1) for (const clause of profile.clauses) pickForClause(ranked, profile, clause, picked);
  const wanted = profile.type === "open" ? Math.max(opts.maxSentences, OPEN_SENTENCES) : opts.maxSentences;
  const limit = Math.max(wanted, picked.length);
  while (picked.length < limit) {
    const next = mostInformative(ranked, profile, picked, opts.minRelativeScore * best.score);
    if (!next) break;
    picked.push(next);
  }
  const conflict = conflicting(ranked, picked);
  if (conflict) picked.push(conflict);
  const quote = quoteAfter(candidates, picked);
  if (quote) picked.push(quote);
  return picked;
}

/** A strong sentence from another passage giving a figure that no picked sentence gives for the same thing. */
function conflicting(ranked: readonly ScoredSentence[], picked: readonly ScoredSentence[]): ScoredSentence | undefined {
  const quoted = new Set(picked.flatMap((p) => [...p.sentence.figures]));
  return ranked.find(
    (c) =>
      c.score >= CONFLICT_RELATIVE_SCORE * ranked[0]!.score &&
      !picked.includes(c) &&
      [...c.sentence.figures].some((f) => !quoted.has(f)) &&
      picked.some((p) => disagree(p, c)),
  );
}

/**
 * A quotation right after a picked sentence usually gives the speaker's own words on the point
 * ("Pistorius noted that … ” / “In my view, … at the negotiating table,” Pistorius said.").
 */
function quoteAfter(candidates: readonly ScoredSentence[], picked: readonly ScoredSentence[]): ScoredSentence | undefined {
  for (const p of picked) {
    const next = candidates.find((c) => c.hit === p.hit && c.sentence.start >= p.sentence.end);
    const isNew = next && !picked.some((x) => x.sentence.quote === next.sentence.quote);
    if (isNew && next.coverage > 0 && /^["“]/u.test(next.sentence.quote)) return next;
  }
  return undefined;
}

/**
 * The next sentence worth adding: among those scoring close to the best, the one that answers most
 * of what the picked sentences leave open (its novelty); one that adds nothing must nearly match the best.
 */
function mostInformative(
  ranked: readonly ScoredSentence[],
  profile: QuestionProfile,
  picked: readonly ScoredSentence[],
  floor: number,
): ScoredSentence | undefined {
  const covered = profile.terms.map((_, i) => Math.max(...picked.map((p) => p.termHits[i]!)));
  let top: ScoredSentence | undefined;
  let topValue = -Infinity;
  for (const c of ranked) {
    if (c.score < floor) break;
    if (c.coverage === 0 || picked.includes(c) || picked.some((p) => redundant(p, c))) continue;
    // An open question's further points say what the picked sentences do not, in words of their own.
    const novelty =
      profile.type === "open"
        ? newContent(c, picked)
        : weightedShare(
            profile.weights,
            c.termHits.map((h, i) => Math.max(0, h - covered[i]!)),
          );
    const value = c.score + NOVELTY_WEIGHT * novelty;
    const worthIt = profile.type === "open" ? novelty >= MIN_NEW_CONTENT : novelty >= MIN_NOVELTY || c.score >= CLOSE_TO_BEST * ranked[0]!.score;
    if (worthIt && value > topValue) [top, topValue] = [c, value];
  }
  return top;
}

/** A multi-part question gets the best sentence for each part, unless a picked one covers it as well. */
function pickForClause(ranked: readonly ScoredSentence[], profile: QuestionProfile, clause: number[], picked: ScoredSentence[]): void {
  let top: ScoredSentence | undefined;
  let topScore = -Infinity;
  for (const c of ranked) {
    const score = rescore(profile, c, clause);
    if (score > topScore) [top, topScore] = [c, score];
  }
  const share = (s: ScoredSentence) => weightedShare(profile.weights, s.termHits, clause);
  if (!top || share(top) === 0 || picked.some((p) => share(p) >= share(top) || redundant(p, top))) return;
  picked.push(top);
}

/** Overlapping chunks repeat sentences: keep each quote once, from the best-ranked passage. */
function dedupe(candidates: readonly ScoredSentence[]): ScoredSentence[] {
  const byQuote = new Map<string, ScoredSentence>();
  for (const c of candidates) {
    const seen = byQuote.get(c.sentence.quote);
    if (!seen || c.score > seen.score) byQuote.set(c.sentence.quote, c);
  }
  return [...byQuote.values()];
}

// Near-duplicates are redundant, unless they state different figures: then they disagree.
function redundant(a: ScoredSentence, b: ScoredSentence): boolean {
  const [x, y] = [a.sentence, b.sentence];
  if (x.quote.includes(y.quote) || y.quote.includes(x.quote)) return true;
  return !figuresDiffer(a, b) && overlap(x.terms, y.terms) >= REDUNDANT_OVERLAP;
}

/**
 * Another passage that gives other figures for the same thing: both state what a "how many/when"
 * question asks, or both share much wording and question coverage.
 */
function disagree(a: ScoredSentence, b: ScoredSentence): boolean {
  if (a.hit === b.hit || !figuresDiffer(a, b)) return false;
  if (a.statesAnswer && b.statesAnswer) return true;
  return overlap(words(a), words(b)) >= CONFLICT_SHARED_WORDS && Math.min(a.coverage, b.coverage) >= CONFLICT_COVERAGE * Math.max(a.coverage, b.coverage);
}

function figuresDiffer(a: ScoredSentence, b: ScoredSentence): boolean {
  const [x, y] = [a.sentence.figures, b.sentence.figures];
  return x.size > 0 && y.size > 0 && (x.size !== y.size || [...x].some((f) => !y.has(f)));
}

/** Share of the sentence's content terms that no picked sentence has. */
function newContent(c: ScoredSentence, picked: readonly ScoredSentence[]): number {
  const terms = [...c.sentence.terms];
  if (terms.length === 0) return 0;
  return terms.filter((t) => !picked.some((p) => p.sentence.terms.has(t))).length / terms.length;
}

const words = (s: ScoredSentence) => new Set([...s.sentence.terms].filter((t) => !/\d/u.test(t)));

/** Share of the smaller set found in the larger one. */
function overlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / small.size;
}
