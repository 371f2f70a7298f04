import type { Chunk } from "../../../core/types.js";
import { SECTION_SEPARATOR, splitSentences, tokenize, withParts, type Span } from "../../../ingest/index.js";
import { MONEY } from "../../retrieve/answer-form.js";
import { isByline, isDateToken, isHeadline, isNumberToken, namedEntities } from "../entities.js";
import { hasDocumentMarkers } from "../document-markers.js";
import { identifiers } from "../identifiers.js";

/** A sentence of a passage with the features the composer scores; computed once per chunk. */
export interface SentenceInfo {
  /** The sentence as quoted: the passage's own words, whitespace collapsed. */
  quote: string;
  /** Offsets in the chunk text, to keep document order and to find the sentence again. */
  start: number;
  end: number;
  /** Every token in order (for "a figure next to the thing counted"). */
  tokens: string[];
  /** Content terms, compounds whole and by their parts ("28-point" also gives "point"; see indexTerms). */
  terms: ReadonlySet<string>;
  entities: ReadonlySet<string>;
  /** Tokens with digits ("2014", "30,000"), used to spot passages that disagree on a figure. */
  figures: ReadonlySet<string>;
  hasNumber: boolean;
  /** A sum of money ("€200 billion", "$500bn"). */
  hasMoney: boolean;
  hasDate: boolean;
  /** Holds a technical name or command (`store_true`, `--without-pip`, `os.cpu_count()`): what a how-to answer shows. */
  hasCode: boolean;
  words: number;
  /** First sentence of a paragraph (or of the passage): nothing before it in the passage carries on into it. */
  opensParagraph: boolean;
  /** Cut by the chunk boundary (starts lower-case or ends without punctuation): a weak quote. */
  fragment: boolean;
  /** A footnote or bibliography entry (a URL, or a leading footnote number): rarely an answer. */
  reference: boolean;
  /** A line naming an author or editor ("Peter Schwarz", "Editor: Leo Goretti"). */
  byline: boolean;
  /** A headline: a line in Title Case with no closing punctuation ("Trump's Phone Call With Putin Leaves Europe Reeling"). */
  headline: boolean;
  /**
   * The code block this sentence introduces, as written (its newlines kept), and where it sits in the chunk: set
   * when the sentence ends with a colon and the next paragraph is a few short lines holding code. A how-to answer
   * quotes the two together.
   */
  shows?: { code: string; start: number; end: number };
}

export interface PassageInfo {
  text: string;
  sentences: SentenceInfo[];
  /** Terms of the document title: context that every sentence of the passage shares. */
  titleTerms: ReadonlySet<string>;
  /** Terms of the passage's own heading (the last part of its section path). */
  headingTerms: ReadonlySet<string>;
  /**
   * The sentence the heading introduces, when the passage opens with its heading (`class asyncio.TaskGroup`, then
   * "An asynchronous context manager holding a group of tasks."): reference text defines its subject there. -1 otherwise.
   */
  lead: number;
  /** Every distinct term of the passage and its title, for term matching. */
  vocabulary: string[];
}

/** Passages whose analysis is kept by default: ~18 KB each, so 2,000 hold a few hundred questions' hits in ~36 MB. */
export const PASSAGES_KEPT = 2_000;

/**
 * Sentence splits and features per chunk id, so repeated questions over the same index cost only
 * scoring. Bounded: the oldest entries go first. A chunk whose text changed (re-ingest) is recomputed.
 */
export class PassageCache {
  private readonly entries = new Map<string, PassageInfo>();

  constructor(private readonly limit = PASSAGES_KEPT) {}

  get(chunk: Chunk): PassageInfo {
    const cached = this.entries.get(chunk.id);
    if (cached && cached.text === chunk.text) return cached;
    // The section path is context every sentence of the chunk shares, as the title is ("work_mem (integer)").
    const info = analysePassage(chunk.text, chunk.section ? `${chunk.title}\n${chunk.section}` : chunk.title, chunk.section?.split(SECTION_SEPARATOR).at(-1));
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(chunk.id, info);
    return info;
  }
}

export function analysePassage(text: string, title = "", heading = ""): PassageInfo {
  const sentences = joinOpenQuotes(text, splitSentences(text)).map((span, i, spans) =>
    analyseSentence(span, i === 0 || /\n\s*\n/u.test(text.slice(spans[i - 1]!.end, span.start))),
  );
  markCodeBlocks(text, sentences);
  const titleTerms = termsOf(tokenize(title));
  const headingTerms = termsOf(tokenize(heading));
  const opensWithHeading = heading.trim() !== "" && sentences.length > 1 && sentences[0]!.quote === heading.replace(/\s+/gu, " ").trim();
  const vocabulary = new Set([...titleTerms, ...sentences.flatMap((s) => [...s.terms])]);
  return { text, sentences, titleTerms, headingTerms, lead: opensWithHeading ? 1 : -1, vocabulary: [...vocabulary] };
}

function analyseSentence(span: Span, opensParagraph: boolean): SentenceInfo {
  const tokens = tokenize(span.text);
  const terms = termsOf(tokens);
  return {
    quote: span.text.replace(/\s+/gu, " "),
    start: span.start,
    end: span.end,
    tokens,
    terms,
    entities: new Set(namedEntities(span.text)),
    figures: new Set(tokens.filter((t) => /\d/u.test(t))),
    hasNumber: tokens.some((t) => isNumberToken(t) && !isDateToken(t)),
    hasMoney: MONEY.test(span.text),
    hasDate: tokens.some(isDateToken),
    hasCode: identifiers(span.text).length > 0,
    words: span.text.split(/\s+/u).length,
    opensParagraph,
    fragment: !/^["“‘'(\[]?[\p{Lu}\p{N}]/u.test(span.text) || !/[.!?…]["'”’)\]]*$|^\(.*\)$/u.test(span.text),
    reference: /https?:\/\/|www\.|^[¹²³⁰⁴-⁹]/u.test(span.text),
    byline: isByline(span.text),
    headline: isHeadline(span.text),
  };
}

const termsOf = (tokens: readonly string[]): Set<string> => new Set(withParts(tokens));

/** A block longer than this is a listing, not the command a how-to answer shows. */
const MAX_BLOCK_LINES = 12;
const MAX_BLOCK_CHARS = 600;

/** Sets `shows` on each sentence that ends with a colon and is followed by a paragraph of code. */
function markCodeBlocks(text: string, sentences: SentenceInfo[]): void {
  for (let i = 0; i + 1 < sentences.length; i++) {
    const intro = sentences[i]!;
    const first = sentences[i + 1]!;
    if (!intro.quote.endsWith(":") || !first.opensParagraph) continue;
    const blank = /\n\s*\n/gu;
    blank.lastIndex = first.start;
    const end = blank.exec(text)?.index ?? text.length;
    const block = text.slice(first.start, end).trimEnd();
    const lines = block.split("\n");
    const inBlock = sentences.slice(i + 1).filter((s) => s.end <= end);
    // One line ending like a sentence is prose that names a function, not a command. Code indexing a list
    // (`argv[1]`) is not shown: its brackets would read as citation markers, and rewriting them would change the code.
    const prose = lines.length === 1 && /[.!?]["'”’)]*$/u.test(block);
    const fits = lines.length <= MAX_BLOCK_LINES && block.length <= MAX_BLOCK_CHARS;
    if (fits && !prose && !hasDocumentMarkers(block) && inBlock.some((s) => s.hasCode))
      intro.shows = { code: block, start: first.start, end: first.start + block.length };
  }
}

const MAX_JOINED = 3;

/**
 * A quotation that spans sentences ("“No one wants peace more than Ukraine. Together …” he said.")
 * is one unit for quoting: its first sentence alone leaves the quote open and loses the speaker.
 * Sentences of one line are joined while a double quote stays open, up to MAX_JOINED.
 */
function joinOpenQuotes(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < spans.length; i++) {
    let span = spans[i]!;
    for (let n = 1; n < MAX_JOINED && quoteOpen(span.text); n++) {
      const next = spans[i + 1];
      if (!next || /\n/u.test(text.slice(span.end, next.start))) break;
      span = { text: text.slice(span.start, next.end), start: span.start, end: next.end };
      i++;
    }
    out.push(span);
  }
  return out;
}

function quoteOpen(s: string): boolean {
  const curly = (s.match(/“/gu)?.length ?? 0) - (s.match(/”/gu)?.length ?? 0);
  return curly > 0 || (s.match(/"/gu)?.length ?? 0) % 2 === 1;
}
