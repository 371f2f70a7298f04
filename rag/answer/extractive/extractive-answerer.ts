import type { AnswerEvent, Composition, Hit, Turn } from "../../../core/types.js";
import type { WordVectors } from "../../../ingest/index.js";
import { standalone, toQuery, type StandaloneQuestion } from "../../condense/condense.js";
import { assessEvidence, shouldAbstain, type Evidence } from "./abstain.js";
import { ABSTENTION_MODEL } from "../abstention-model.js";
import type { AnswerabilityCheck } from "../answerability.js";
import type { Answerer, AnswerOptions } from "../answerer.js";
import { citeSentences, toCitation } from "../citations.js";
import { continuations } from "./continuation.js";
import { surfaceWords } from "../entities.js";
import { PassageCache, PASSAGES_KEPT } from "./passage-cache.js";
import { profileQuestion, type QuestionProfile } from "../question.js";
import { selectSentences } from "./select.js";
import { scoreSentences, type ScoredSentence } from "./sentence-score.js";
import { TermMatcher } from "../../terms/term-matcher.js";

export interface ExtractiveOptions {
  /** Word vectors for soft matching and word rarity; without them matching is by spelling and stem. */
  wordVectors?: WordVectors;
  /** How a question word matches a passage word; share the retriever's so both judge alike (default: one over wordVectors). */
  termMatcher?: TermMatcher;
  /** Sentences quoted at most, besides one per part of a multi-part question and disagreeing figures. */
  maxSentences?: number;
  /** A further sentence must score at least this share of the best sentence. */
  minRelativeScore?: number;
  /** Probability of an answer below which it abstains (config.rag.abstainThreshold; default: the fitted model's). */
  abstainThreshold?: number;
  /** How many passages keep their sentence analysis cached. */
  cacheSize?: number;
  /** Passages listed as `related` when abstaining. */
  relatedCount?: number;
}

/** What the composer decided and why; `answer()` streams it, the eval calibrates on `evidence`. */
export interface Analysis {
  profile: QuestionProfile;
  /** The sentences quoted: those selected, then the sentences continuing them (which do not count as evidence). */
  picked: ScoredSentence[];
  evidence: Evidence;
  abstained: boolean;
}

/**
 * The offline answerer: quotes the retrieved sentences that answer the question, verbatim, each
 * followed by the `[n]` of its passage; says the documents don't cover it when the evidence is weak.
 */
export class ExtractiveAnswerer implements Answerer, AnswerabilityCheck {
  readonly name = "extractive";
  private readonly cache: PassageCache;
  private readonly matcher: TermMatcher;
  private readonly vectors: WordVectors | undefined;
  private readonly maxSentences: number;
  private readonly minRelativeScore: number;
  private readonly threshold: number;
  private readonly relatedCount: number;

  constructor({
    wordVectors,
    termMatcher = new TermMatcher(wordVectors),
    maxSentences = 3,
    minRelativeScore = 0.6,
    abstainThreshold = ABSTENTION_MODEL.threshold,
    cacheSize = PASSAGES_KEPT,
    relatedCount = 3,
  }: ExtractiveOptions = {}) {
    if (!(maxSentences >= 1)) throw new RangeError(`maxSentences must be at least 1, got ${maxSentences}`);
    this.vectors = wordVectors;
    this.matcher = termMatcher;
    this.cache = new PassageCache(cacheSize);
    this.maxSentences = maxSentences;
    this.minRelativeScore = minRelativeScore;
    this.threshold = abstainThreshold;
    this.relatedCount = relatedCount;
  }

  async *answer(question: StandaloneQuestion, hits: Hit[], { signal }: AnswerOptions = {}): AsyncIterable<AnswerEvent> {
    signal?.throwIfAborted();
    const { composition, sentences } = this.composeParts(question, hits);
    yield { type: "citations", citations: composition.citations };
    for (const [i, sentence] of sentences.entries()) {
      signal?.throwIfAborted();
      yield { type: "token", text: i === 0 ? sentence : ` ${sentence}` };
    }
    yield { type: "done", answer: composition };
  }

  /** The whole answer at once (the same one `answer()` streams); a string is a question that stands alone. */
  compose(question: Asked, hits: readonly Hit[]): Composition {
    return this.composeParts(asked(question), hits).composition;
  }

  /**
   * Scores, selects and weighs the evidence. The words a follow-up carries from earlier turns count less
   * than the user's own.
   */
  analyse(question: Asked, hits: readonly Hit[]): Analysis {
    const { question: own, carried } = asked(question);
    const infos = hits.map((hit) => this.cache.get(hit.chunk));
    // Asked only for the question's compounds, which are few: no set of every passage word per question.
    const spelled = (term: string) => infos.some((info) => info.vocabulary.includes(term));
    const profile = profileQuestion(own, this.vectors, carried.join(" "), spelled);
    const passages = infos.map((info) => ({ info, matches: this.matcher.matchAll(profile.terms, info.vocabulary) }));
    const candidates = scoreSentences(profile, passages);
    const picked = selectSentences(candidates, profile, {
      maxSentences: this.maxSentences,
      minRelativeScore: this.minRelativeScore,
    });
    const evidence = assessEvidence(profile, passages, candidates, picked);
    const abstained = picked.length === 0 || shouldAbstain(evidence, this.threshold);
    // An open question's points are each a sentence of their own: they are not continued.
    const continued = profile.type === "open" ? [] : continuations(candidates, picked);
    const quoted = [...picked, ...continued];
    return { profile, picked: profile.type === "howto" ? outsideShownBlocks(quoted) : quoted, evidence, abstained };
  }

  /** The abstention when the passages cannot answer, else undefined: the LLM answerer's pre-check. */
  abstention(question: StandaloneQuestion, hits: readonly Hit[]): Composition | undefined {
    const analysis = this.analyse(question, hits);
    return analysis.abstained ? this.abstained(question, hits, analysis) : undefined;
  }

  /** The composition and the pieces streamed as tokens (their concatenation is the answer). */
  private composeParts(question: StandaloneQuestion, hits: readonly Hit[]): { composition: Composition; sentences: string[] } {
    const analysis = this.analyse(question, hits);
    if (analysis.abstained) {
      const abstained = this.abstained(question, hits, analysis);
      return { composition: abstained, sentences: [abstained.answer] };
    }
    const { sentences, citations } = citeSentences(analysis.picked, hits, { blocks: analysis.profile.type === "howto" });
    return { composition: composition(sentences.join(" "), false, citations, []), sentences };
  }

  /** "The documents don't say …", with the nearest passages as related. */
  private abstained(question: StandaloneQuestion, hits: readonly Hit[], analysis: Analysis): Composition {
    const related = hits.slice(0, this.relatedCount).map((h, i) => toCitation(h, i + 1));
    // A missing name may be one the follow-up carried, so it is looked up in the carried words too.
    return composition(abstention(toQuery(question), analysis.evidence.missingNames), true, [], related);
  }
}

/** The quoted sentences minus the lines of a code block that another quoted sentence shows whole. */
function outsideShownBlocks(quoted: readonly ScoredSentence[]): ScoredSentence[] {
  const shown = quoted.flatMap((q) => (q.sentence.shows ? [{ hit: q.hit, ...q.sentence.shows }] : []));
  return quoted.filter((q) => !shown.some((b) => q.hit === b.hit && q.sentence.start >= b.start && q.sentence.start < b.end));
}

/** What compose() and analyse() take: a string is a question that stands alone. */
type Asked = string | StandaloneQuestion;
const asked = (q: Asked): StandaloneQuestion => (typeof q === "string" ? standalone(q) : q);

const composition = (answer: string, abstained: boolean, citations: Composition["citations"], related: Composition["related"]): Composition => ({
  answer,
  abstained,
  citations,
  related,
  generator: "extractive",
  unsupported: [],
});

/** "The documents don't say …": names what is missing when a name of the question appears nowhere. */
function abstention(question: string, missingNames: readonly string[]): string {
  const names = surfaceWords(question, new Set(missingNames));
  return names.length > 0
    ? `The documents don't say anything about ${names.join(", ")}.`
    : "The documents don't say enough to answer that; the nearest passages are listed as related.";
}
