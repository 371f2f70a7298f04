import { contentTerms, isCompound, withParts, type WordVectors } from "../../ingest/index.js";
import { definitionPattern } from "../retrieve/answer-form.js";
import { acronyms, answerKind, answerType, asksDefault, namedEntities, type AnswerKind, type AnswerType } from "./entities.js";
import { identifiers } from "./identifiers.js";

/** The question as the composer scores it: weighted content terms, the names it asks about, its type. */
export interface QuestionProfile {
  terms: string[];
  /** Rarity weight per term (same order as `terms`); names count more than common words. */
  weights: number[];
  totalWeight: number;
  /** Terms written with a capital or a digit: what a passage must mention to answer at all. */
  entities: ReadonlySet<string>;
  type: AnswerType;
  /** The kind of thing the answer must hold (a figure, a date, a name), when the question asks for one. */
  kind: AnswerKind | undefined;
  /** Term indices per clause of a multi-part question ("who said X, and what did Y do?"); one clause otherwise. */
  clauses: number[][];
  /** For "how many X …": the index of X's head noun, the thing counted, which an answering figure must come with. */
  focus: number[];
  /**
   * Names the answer itself should mention: the question's names except those that only say where
   * to look ("according to the IAI commentary", "as described by Alcaro").
   */
  subjects: number[];
  /** Technical names as written (`work_mem`, `os.cpu_count`, `--no-edit`): a passage must spell them to answer. */
  identifiers: string[];
  /** Terms written in capitals in the question ("CPU"): names a passage may well spell out instead. */
  acronyms: ReadonlySet<string>;
  /** The question asks for the value a setting takes when not given ("what is the default …", "if I don't pass X"). */
  asksDefault: boolean;
  /** For "what is X?": a sentence saying what X is ("A virtual environment is a …"); see definitionPattern. */
  defines: RegExp | undefined;
}

// Words that say how to answer, not what about ("what does the article mention about …").
const META_TERMS = new Set(
  "article articles document documents text texts passage passages mention mentioned mentions describe described explain detail details happen happened name many besides among".split(
    " ",
  ),
);
const ENTITY_BOOST = 1.5;
/** Scoring cost grows with the question's words; a question longer than this is cut (2,000 characters are allowed). */
const MAX_TERMS = 48;
const POINTER_WEIGHT = 0.5;
/** Words carried from earlier turns weigh at most this share of the user's own words, all together. */
const CONTEXT_SHARE = 0.5;

/**
 * `context`: words a follow-up carries from earlier turns ("he" → "Hegseth"), weighted lower. `spelled`: whether the
 * passages spell a term; a compound they spell (`http.server`) is a name whose parts are also its words there
 * ("the server"), one they never spell ("trade-offs") keeps its parts out, as they would match other senses.
 */
export function profileQuestion(question: string, vectors?: WordVectors, context = "", spelled: (term: string) => boolean = () => false): QuestionProfile {
  const entities = new Set([...namedEntities(question), ...contextNames(context)]);
  const termsOf = (text: string) => contentTerms(text).flatMap((t) => (isCompound(t) && spelled(t) ? withParts([t]) : [t]));
  const own = new Set(termsOf(question));
  const terms = [...new Set([...own, ...termsOf(context)])].filter((t) => !META_TERMS.has(t)).slice(0, MAX_TERMS);
  const pointers = pointerTerms(question);
  const weights = terms.map((t) => rarity(t, vectors) * (entities.has(t) ? ENTITY_BOOST : 1) * (pointers.has(t) ? POINTER_WEIGHT : 1));
  scaleContext(terms, weights, own);
  const type = answerType(question);
  return {
    terms,
    weights,
    totalWeight: weights.reduce((a, b) => a + b, 0),
    entities: new Set(terms.filter((t) => entities.has(t))),
    type,
    kind: answerKind(question, type),
    asksDefault: asksDefault(question),
    defines: definitionPattern(question),
    clauses: splitClauses(question)
      .map((c) => indicesOf(terms, contentTerms(c)))
      .filter((c) => c.length > 0),
    focus: indicesOf(terms, contentTerms(question.match(COUNTED)?.[1] ?? "")).slice(-1),
    subjects: terms.flatMap((t, i) => (entities.has(t) && !pointers.has(t) ? [i] : [])),
    identifiers: identifiers(question),
    acronyms: acronyms(question),
  };
}

// "…, and what/who/how …" starts a second question; so does a question mark before the end.
const CLAUSE_BREAK = /,?\s+(?:and|but)\s+(?=(?:who|whom|whose|what|which|when|where|why|how|did|does|do|is|are|was|were|has|have|about|regarding)\b)|[?;]\s+/iu;
// The words between "how many/much" and the verb: "how many Ukrainian soldiers have …".
const COUNTED = /\bhow (?:many|much) ((?:[\p{L}\p{N}'’-]+\s+){0,2}?)(?:did|do|does|is|are|was|were|has|have|had|will|would|can|could|a|an|the|of|in|per)\b/iu;

/** Scales the carried words down so that the question's own words keep most of the weight. */
function scaleContext(terms: readonly string[], weights: number[], own: ReadonlySet<string>): void {
  const sum = (mine: boolean) => terms.reduce((a, t, i) => a + (own.has(t) === mine ? weights[i]! : 0), 0);
  const [ownTotal, carried] = [sum(true), sum(false)];
  const scale = carried > 0 ? Math.min(CONTEXT_SHARE, (CONTEXT_SHARE * ownTotal) / carried) : 1;
  terms.forEach((t, i) => {
    if (!own.has(t)) weights[i]! *= scale;
  });
}

// "according to X", "as described by X", "in the X commentary titled …", "does the X article say".
const ATTRIBUTION =
  /\b(?:according to|as (?:described|reported|explained|quoted) by|(?:in|by) (?:the|an?|his|her|its) [^,?]*?\b(?:commentary|article|analysis|report|interview|piece|paper|essay)\b|(?:does|did) (?:the )?[^,?]*?\b(?:commentary|article|analysis|report|author)\b)[^,?]*/giu;

/** Words that only say where to look ("according to Alcaro"); the answer need not repeat them. */
function pointerTerms(question: string): Set<string> {
  const spans = [...question.matchAll(ATTRIBUTION)].map((m) => m[0]);
  const rest = new Set(contentTerms(question.replace(ATTRIBUTION, " ")));
  return new Set(contentTerms(spans.join(" ")).filter((t) => !rest.has(t)));
}

// Carried words come as a list, so each capitalised word is a name (no sentence start to skip).
const contextNames = (context: string) => context.split(/\s+/u).flatMap((w) => namedEntities(`x ${w}`));

function splitClauses(question: string): string[] {
  return question.split(new RegExp(CLAUSE_BREAK, "giu")).filter((c) => c.trim().length > 0);
}

function indicesOf(terms: readonly string[], words: readonly string[]): number[] {
  return [...new Set(words.map((w) => terms.indexOf(w)).filter((i) => i >= 0))];
}

/** SIF weight when word statistics exist (near 1 for rare words); otherwise every term counts alike. */
function rarity(term: string, vectors?: WordVectors): number {
  if (!vectors) return 1;
  // Unknown words (rare names, figures) weigh 1, the rarest of all.
  return Math.max(0.05, vectors.wordWeight(term));
}
