import type { Turn } from "../../core/types.js";

/**
 * A question ready for retrieval and answering: the user's words (or a model's standalone rewrite of them) and
 * the words a follow-up leaves implicit, carried from earlier turns ("he" → Hegseth). Kept apart so the
 * composer can weigh the user's own words above the carried ones.
 */
export interface StandaloneQuestion {
  question: string;
  /** Names and key words carried from earlier turns, in the order they appear there; empty for a question that stands alone. */
  carried: readonly string[];
}

/** The condense stage: a follow-up and its conversation in, a standalone question out. */
export type Condense = (question: string, history: Turn[], signal?: AbortSignal) => Promise<StandaloneQuestion>;

/** A question asked without a conversation, or one that needs nothing from it. */
export const standalone = (question: string): StandaloneQuestion => ({ question, carried: [] });

/** The query retrieval runs (and the response reports): the question, then the carried words in parentheses. */
export function toQuery({ question, carried }: StandaloneQuestion): string {
  return carried.length > 0 ? `${question} (${carried.join(" ")})` : question;
}
