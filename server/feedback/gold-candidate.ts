import { createHash } from "node:crypto";
import type { FeedbackRecord } from "./feedback-store.js";

/**
 * A down-voted answer as a line for eval/gold.jsonl: the gold keys, with what only a person can say left
 * empty or null (`answerable: null`, `split: null`, no gold answer, facts or evidence), so the eval rejects
 * the line until it is reviewed. `candidate` says where it came from and what to fill in.
 */
export interface GoldCandidate {
  id: string;
  type: "single-fact";
  question: string;
  answer: string;
  facts: string[][];
  sources: string[];
  evidence: string;
  answerable: null;
  split: null;
  candidate: {
    feedbackId: string;
    givenAt: string;
    rating: "down";
    comment: string | null;
    /** What the assistant answered (judged wrong by the reader). */
    rejectedAnswer: string;
    todo: string;
  };
}

const TODO =
  "Review, then drop this field: write the correct answer, its facts and verbatim evidence; set type, answerable " +
  "(false with type unanswerable when the documents do not cover it) and split (the gold check names the seeded one).";

export function toGoldCandidate(record: FeedbackRecord & { rating: "down" }): GoldCandidate {
  return {
    id: `fb-${Number.parseInt(createHash("sha256").update(record.id).digest("hex").slice(0, 8), 16)}`,
    type: "single-fact",
    question: record.question,
    answer: "",
    facts: [],
    // The cited documents are where a reviewer looks first; chunk ids are `${source}#${ordinal}`.
    sources: [...new Set(record.chunkIds.map((id) => id.replace(/#\d+$/, "")))],
    evidence: "",
    answerable: null,
    split: null,
    candidate: {
      feedbackId: record.id,
      givenAt: record.updatedAt,
      rating: "down",
      comment: record.comment,
      rejectedAnswer: record.answer,
      todo: TODO,
    },
  };
}
