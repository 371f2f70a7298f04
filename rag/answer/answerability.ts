import type { Composition, Hit } from "../../core/types.js";
import type { StandaloneQuestion } from "../condense/condense.js";

/**
 * Whether the retrieved passages could answer a question, decided before any model is asked. The extractive
 * composer implements it with its abstention model, so the LLM path refuses on the same evidence as the offline
 * one and an unanswerable question costs no model call.
 */
export interface AnswerabilityCheck {
  /** The abstained answer (with the nearest passages as `related`) when no passage could answer; else undefined. */
  abstention(question: StandaloneQuestion, hits: readonly Hit[]): Composition | undefined;
}
