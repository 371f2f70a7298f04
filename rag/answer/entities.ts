import { STOPWORDS, tokenize } from "../../ingest/index.js";

/**
 * Surface features the tokenizer throws away (capitals, figures, dates), recovered from the original
 * text but expressed as tokenizer tokens, so they can be matched against tokenized passages.
 */

// Capitalised words that open a question without naming anything.
const QUESTION_OPENERS = new Set("explain describe list name give summarize summarise compare define outline please".split(" "));

const MONTHS = "january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec";
const DATE_WORDS = new Set(`${MONTHS} monday tuesday wednesday thursday friday saturday sunday`.split(" "));
const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions trillion dozen dozens half quarter percent".split(
    " ",
  ),
);
const YEAR = /^(1[89]|20)\d\d$/u;

/**
 * Tokens of words written with a capital or a digit, excluding stopwords and question openers:
 * "What did Hegseth say about NATO?" → ["hegseth", "nato"]. Figures are included ("2014").
 * `text` is one sentence: its first word is capitalised anyway ("Besides …"), so it counts only
 * when written in capitals or figures ("NATO", "2014").
 */
export function namedEntities(text: string): string[] {
  const out = new Set<string>();
  // Dashes and slashes join names ("Trump–Putin") that are separate entities.
  for (const [i, word] of text
    .trim()
    .split(/[\s–—/]+/u)
    .entries()) {
    const initial = word.match(/[\p{L}\p{N}]/u)?.[0];
    if (!initial || !/[\p{Lu}\p{N}]/u.test(initial)) continue;
    if (i === 0 && !/^[^\p{L}\p{N}]*(?:\p{N}|\p{Lu}{2})/u.test(word)) continue;
    for (const token of tokenize(word)) {
      if (!STOPWORDS.has(token) && !QUESTION_OPENERS.has(token)) out.add(token);
    }
  }
  return [...out];
}

/** Tokens of the words written all in capitals ("CPU", "NATO", "FIFO"): acronyms, which documents often spell out. */
export function acronyms(text: string): Set<string> {
  const words = text.split(/[\s–—/()]+/u).map((w) => w.replace(/^[^\p{L}\p{N}]+|(?:['’]s)?[^\p{L}\p{N}]*$/gu, ""));
  return new Set(words.filter((w) => /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(w)).flatMap((w) => tokenize(w)));
}

/** The words of `text` as written ("Ukraine's" → "Ukraine") whose tokens are among `tokens`, in order. */
export function surfaceWords(text: string, tokens: ReadonlySet<string>): string[] {
  const words = text
    .split(/[\s–—/()]+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|(?:['’]s)?[^\p{L}\p{N}]*$/gu, ""))
    .filter((w) => tokenize(w).some((t) => tokens.has(t)));
  return [...new Set(words)];
}

export const isNumberToken = (token: string): boolean => /\d/u.test(token) || NUMBER_WORDS.has(token);
export const isDateToken = (token: string): boolean => YEAR.test(token) || DATE_WORDS.has(token);

/** What kind of answer a question expects, which decides the bonus for figures, dates or names. */
export type AnswerType = "author" | "quantity" | "time" | "person" | "place" | "howto" | "definition" | "open" | "other";

// "What is CRAN?", "What is a naive datetime object?": a short name, asked for what it is (not "what is the default
// value of X in Y", which asks for one of its properties).
const DEFINITION = /^\W*what(?:'s| is| are) (?:an? |the )?(?![^?]*\b(?:of|for|to|with|when|if|does|do|between)\b)[^\s?]+(?: [^\s?]+){0,3}\s*\??\s*$/u;

// Answered by several points rather than one fact: "why …", "how did X react", "how does A differ from B",
// "what happened …", "summarise …".
const OPEN =
  /^\W*(?:and )?(?:why|summari[sz]e|explain|describe|compare)\b|\bhow (?:did|does|do|have|has|would|will)\b[^?]*\b(?:react|respond|responded|reacted|differ|compare|change|changed)\b|\bwhat (?:happened|happens|are the differences|is the difference)\b/u;

export function answerType(question: string): AnswerType {
  const q = question.toLowerCase();
  if (/\bwho (?:wrote|writes|authored|edits|edited|is the (?:author|editor))\b|\b(?:author|editor)s? of\b/u.test(q)) return "author";
  // A port is a number too: "which TCP port does it listen on?".
  if (/\bhow (much|many|large|big|long|far|old)\b|\bwhat (percentage|share|proportion|amount|number|sum|figure)\b|\b(?:what|which) (?:\S+ )?port\b/u.test(q))
    return "quantity";
  // "When did …" asks for a time; "what happens when …" or "when I create …, which file …" sets a condition.
  if (/\bwhen (?:did|does|do|is|are|was|were|will|would|has|have|had|can|could)\b|\b(what|which) (year|date|day|month)\b|\bsince when\b/u.test(q))
    return "time";
  if (
    /\bwho(m|se)?\b|\bwhich (?:\S+ ){0,2}(?:minister|leader|president|official|politician|person|people|analyst|author|secretary|chancellor|diplomat|spokesman|editor)s?\b/u.test(
      q,
    )
  )
    return "person";
  if (/\bwhere\b|\bwhich (?:\S+ ){0,2}(?:country|countries|city|cities|region|regions|state|states|capital|capitals)\b/u.test(q)) return "place";
  // "How do I …", "how can I …", "how to …": answered by a command, an option or a function to call.
  if (/^\W*(?:and |so |then )?(?:how (?:do|can|could|should|would) (?:i|you|we|one)|how to)\b/u.test(q)) return "howto";
  if (DEFINITION.test(q)) return "definition";
  if (OPEN.test(q)) return "open";
  return "other";
}

// "What is the default …", "… by default?", "if I don't pass max_workers", "without giving a level": the value a setting
// takes when it is not given.
const DEFAULT_QUESTION =
  /\bdefaults?\b|\bif (?:i|you|we|one) (?:don't|do not|didn't|did not|never) (?:pass|give|specify|set|provide|supply|say|choose)\b|\bwithout (?:passing|giving|specifying|setting|providing|supplying)\b/u;

/** Whether the question asks for the value something takes when it is not set. */
export const asksDefault = (question: string): boolean => DEFAULT_QUESTION.test(question.toLowerCase().replace(/’/gu, "'"));

/**
 * The kind of thing an answer must hold, when the question names one: a figure ("how many …"), a date ("when …",
 * "in what year …") or a name ("who …", "where …", "which party …", "what is the name of …").
 * Undefined for questions answered by a description ("what did X say", "why …", "how do I …").
 */
export type AnswerKind = "figure" | "date" | "name";

// "Which party won …", "the foreign ministers of which countries …"; not "which of the following" or "which is".
const WHICH_NOUN = /\bwhich (?!(?:of|is|are|was|were|does|do|did|one|ones|way|ways)\b)[\p{L}-]+/u;
const NAME_OF = /\bwhat(?:'s| is| was| are| were) (?:the )?names? of\b/u;
const DATE_OF = /\bwhat (?:\S+ )?(?:year|date|day|month)\b/u;

export function answerKind(question: string, type: AnswerType = answerType(question)): AnswerKind | undefined {
  if (type === "quantity") return "figure";
  const q = question.toLowerCase();
  if (type === "time" || DATE_OF.test(q)) return "date";
  if (type === "person" || type === "author" || type === "place" || NAME_OF.test(q) || WHICH_NOUN.test(q)) return "name";
  return undefined;
}

/** A headline: three or more words of four letters or more, most of them capitalised, and no closing punctuation. */
export function isHeadline(line: string): boolean {
  if (/[.!?:;…"”’)\]]$/u.test(line.trim())) return false;
  const long = line.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? [];
  return long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.6 * long.length;
}

// "Peter Schwarz", "by Riccardo Alcaro", "Editor: Leo Goretti (l.goretti@iai.it)", "Danny Byrne, ISA …".
const BYLINE_LEAD = /^(?:(?:written )?by|editor|editors|author|authors|edited by)\b:?\s*/iu;
const MAX_BYLINE_WORDS = 8;
const MAX_NAME_WORDS = 4;

/** A line that names who wrote or edited a text: a few capitalised words, no sentence punctuation. */
export function isByline(line: string): boolean {
  const words = line
    .replace(BYLINE_LEAD, "")
    .replace(/\([^)]*\)/gu, "")
    .split(/[\s,]+/u)
    .filter(Boolean);
  if (words.length < 2 || words.length > MAX_BYLINE_WORDS || /[.!?]$|^\P{L}/u.test(line.trim())) return false;
  // The name comes before any affiliation: a few words, no possessive ("Trump's Phone Call With Putin …" is a headline).
  const name = line.replace(BYLINE_LEAD, "").split(",")[0]!.trim().split(/\s+/u);
  if (name.length > MAX_NAME_WORDS || name.some((w) => /['’]s$/u.test(w))) return false;
  // Names are written "Leo Goretti"; headings are often in capitals ("Latest IAI COMMENTARIES").
  const names = words.filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).length;
  return names >= 2 && names >= 0.7 * words.length;
}
