import type { AskResponse, Citation } from "../core/types.js";
import type { GoldItem } from "./gold.js";

/** Hand-made gold items and responses for the harness's tests. */

export const PASSAGE_A = "Defence Secretary Pete Hegseth spoke in Brussels. He said a return to the 2014 borders was unrealistic.";
export const PASSAGE_B = "The summit was held in Paris on Monday.";

export function cite(id: number, text: string, source = "a.txt", score = 1): Citation {
  return { id, source, title: source, page: null, chunkId: `${source}#${id}`, text, score };
}

export function response(over: Partial<AskResponse> = {}): AskResponse {
  return {
    answer: "He said a return to the 2014 borders was unrealistic. [1]",
    abstained: false,
    citations: [cite(1, PASSAGE_A)],
    related: [],
    generator: "extractive",
    unsupported: [],
    query: "q",
    model: { embeddings: "test", generator: "extractive" },
    timings: { retrieveMs: 2, generateMs: 1, totalMs: 3 },
    ...over,
  };
}

export function goldItem(over: Partial<GoldItem> & { id: string }): GoldItem {
  return {
    type: "single-fact",
    question: "What did Hegseth say about borders?",
    answer: "A return to the 2014 borders is unrealistic.",
    facts: [["2014"], ["unrealistic"]],
    sources: ["a.txt"],
    evidence: "a return to the 2014 borders was unrealistic",
    answerable: true,
    split: "tune",
    ...over,
  };
}

export const UNANSWERABLE: GoldItem = {
  id: "un-01",
  type: "unanswerable",
  question: "How long was the call?",
  answer: "Not stated.",
  facts: [],
  sources: [],
  evidence: "",
  answerable: false,
  split: "heldout",
};

export const ABSTENTION = response({
  answer: "The documents don't say enough to answer that.",
  abstained: true,
  citations: [],
  related: [cite(1, PASSAGE_B, "b.txt", 0.2)],
});
