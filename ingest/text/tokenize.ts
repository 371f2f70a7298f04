/**
 * One tokenizer for every component (BM25, embeddings, sentence scoring, eval), so that a word
 * means the same thing at index time, query time and scoring time.
 */

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[._-][\p{L}\p{N}]+)*/gu;

/**
 * Lowercased word tokens; possessive 's is dropped ("Trump's" → "trump"); compounds joined by a hyphen, a dot or
 * an underscore are kept whole (`work_mem`, `os.path`, `--no-edit` → "no-edit"); indexTerms adds their parts.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  // An exec loop with a fast path for plain words is ~3x faster than matchAll + three replaces per
  // token, and tokenizing bounds the ingest throughput.
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    const token = NEEDS_NORMALIZING.test(m[0]) ? normalizeToken(m[0]) : m[0];
    if (token) out.push(token);
  }
  return out;
}

const NEEDS_NORMALIZING = /['’.]/u;

// "U.S." and "US" are one word; a possessive adds nothing.
const normalizeToken = (token: string): string =>
  token
    .replace(/['’]s$/u, "")
    .replace(/’/gu, "'")
    .replace(/^(\p{L})\.(\p{L})$/u, "$1$2");

/** Tokens that carry meaning: no stopwords, no single characters except digits; compounds stay whole. */
export function contentTerms(text: string): string[] {
  return tokenize(text).filter(isContentTerm);
}

/**
 * The terms a passage is indexed and matched by: its content terms, and each compound's parts after it
 * (`functools.lru_cache` also gives "functools", "lru_cache", "lru" and "cache"), so a question asking for
 * `lru_cache`, or for a venv "without pip", finds the passage spelling `functools.lru_cache` or `--without-pip`.
 * Questions keep their compounds whole (contentTerms): the parts of a compound the corpus lacks ("trade-offs")
 * would match unrelated text.
 */
export function indexTerms(text: string): string[] {
  return withParts(tokenize(text));
}

/** Content terms of tokens already made, each compound followed by its parts. */
export function withParts(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (isContentTerm(token)) out.push(token);
    if (isCompound(token)) for (const part of compoundParts(token)) if (isContentTerm(part)) out.push(part);
  }
  return out;
}

const JOINER = /[._-]/u;

/** A token joined from parts by a dot, a hyphen or an underscore (`max_workers`, `os.path`, `28-point`). */
export const isCompound = (token: string): boolean => JOINER.test(token);

/** The parts of a compound that hold a letter: its dotted segments, then their hyphen or underscore parts. */
export function compoundParts(token: string): string[] {
  const parts: string[] = [];
  const segments = token.split(".");
  for (const segment of segments) {
    if (segments.length > 1) parts.push(segment);
    if (/[_-]/u.test(segment)) parts.push(...segment.split(/[_-]/u));
  }
  return parts.filter((p) => /\p{L}/u.test(p));
}

export function isContentTerm(token: string): boolean {
  return !STOPWORDS.has(token) && (token.length > 1 || /\d/u.test(token));
}

// English function words plus question words; kept small so that topical words such as "war" stay in.
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can could did didn't do does doesn't doing don't down during each either else ever few for from
further had hadn't has hasn't have haven't having he he'd he'll her here hers herself him himself his how i i'd i'll
i'm i've if in into is isn't it it's its itself just let's me more most much must my myself neither no nor not now of
off on once only or other ought our ours ourselves out over own per quite rather really same shall she should so some
such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've
this those through to too under until up upon very was wasn't we we'd we'll we're we've were weren't what what's
when where which while who who's whom whose why will with within without won't would wouldn't yet you you'd you'll
you're you've your yours yourself yourselves also said says say according tell told`.split(/\s+/u),
);
