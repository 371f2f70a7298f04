import type { AskResponse, Citation } from "../core/types.js";
import { ALL_EVIDENCE_TYPES, evidenceList, type GoldItem } from "./gold.js";
import { answerFirstRecall, answerWords } from "./metrics/answer-first.js";
import { abstentionCorrect, abstentionOutcome, type AbstentionOutcome } from "./metrics/abstention.js";
import { citationPrecision } from "./metrics/citation-precision.js";
import { citationValidity, type CitationValidity } from "./metrics/citation-validity.js";
import { docRecall } from "./metrics/doc-recall.js";
import { factRecall, type FactRecall } from "./metrics/fact-recall.js";
import { faithfulness, faithfulnessMode, type Faithfulness } from "./metrics/faithfulness.js";
import { evidenceRank, hitAtK } from "./metrics/hit-at-k.js";
import { reciprocalRank } from "./metrics/mrr.js";
import type { Passage } from "./metrics/passage.js";
import { tokenF1 } from "./metrics/token-f1.js";

/** What a runner returns for one question: the response and the passages retrieved, best first. */
export interface Observation {
  response: AskResponse;
  retrieved: Passage[];
}

export interface QuestionResult {
  id: string;
  type: GoldItem["type"];
  split: GoldItem["split"];
  question: string;
  answerable: boolean;
  goldAnswer: string;
  answer: string;
  abstained: boolean;
  generator: string;
  citations: Pick<Citation, "id" | "source" | "page" | "text">[];
  /** Retrieval metrics: null for unanswerable questions. */
  retrieval: { rank: number | null; hit: number; rr: number; docRecall: number } | null;
  fact: FactRecall | null;
  /** 1 when every fact group is within the first 30 words; null for unanswerable questions. */
  answerFirst: number | null;
  /** Words in the answer (markers removed); null when it abstained. */
  words: number | null;
  tokenF1: number | null;
  abstention: AbstentionOutcome;
  abstentionCorrect: boolean;
  citationPrecision: number | null;
  citationValidity: CitationValidity;
  faithfulness: Faithfulness;
  timings: AskResponse["timings"];
  /** Set when the runner failed on this question; the question then scores as a miss everywhere. */
  error?: string;
}

/** Scores one question on every metric. */
export function scoreQuestion(item: GoldItem, obs: Observation, k: number): QuestionResult {
  const { response: r, retrieved } = obs;
  const evidence = evidenceList(item);
  const outcome = abstentionOutcome(item.answerable, r.abstained);
  let retrieval: QuestionResult["retrieval"] = null;
  if (item.answerable) {
    const rank = evidenceRank(retrieved, evidence, ALL_EVIDENCE_TYPES.has(item.type) ? "all" : "any");
    retrieval = { rank, hit: hitAtK(rank, k), rr: reciprocalRank(rank), docRecall: docRecall(item.sources, retrieved, k) };
  }
  return {
    id: item.id,
    type: item.type,
    split: item.split,
    question: item.question,
    answerable: item.answerable,
    goldAnswer: item.answer,
    answer: r.answer,
    abstained: r.abstained,
    generator: r.generator,
    citations: r.citations.map(({ id, source, page, text }) => ({ id, source, page, text })),
    retrieval,
    fact: item.answerable ? factRecall(r.answer, r.abstained, item.facts) : null,
    answerFirst: item.answerable ? answerFirstRecall(r.answer, r.abstained, item.facts) : null,
    words: r.abstained ? null : answerWords(r.answer),
    tokenF1: item.answerable ? (r.abstained ? 0 : tokenF1(r.answer, item.answer)) : null,
    abstention: outcome,
    abstentionCorrect: abstentionCorrect(outcome),
    citationPrecision: item.answerable ? citationPrecision(r.citations, item.sources, evidence) : null,
    citationValidity: citationValidity(r.answer, r.abstained, r.citations),
    faithfulness: faithfulness(r.answer, r.abstained, r.citations, faithfulnessMode(r.generator)),
    timings: r.timings,
  };
}

/** A question the runner failed on: no answer, not an abstention, so it misses every metric. */
export function failedQuestion(item: GoldItem, error: string, k: number): QuestionResult {
  const empty: AskResponse = {
    answer: "",
    abstained: false,
    citations: [],
    related: [],
    generator: "error",
    unsupported: [],
    query: item.question,
    model: { embeddings: "", generator: "" },
    timings: { retrieveMs: 0, generateMs: 0, totalMs: 0 },
  };
  const result = scoreQuestion(item, { response: empty, retrieved: [] }, k);
  return { ...result, abstentionCorrect: false, faithfulness: { score: 0, sentences: [] }, error };
}
