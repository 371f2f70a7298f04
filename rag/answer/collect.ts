import { AppError } from "../../core/errors.js";
import type { AnswerEvent, AskResponse, Composition, EngineEvent } from "../../core/types.js";

/**
 * Drains an answer stream into its final result: the Composition of an Answerer's `done`, or the
 * AskResponse of the engine's. REST and tests use it; the chat endpoint forwards the events instead.
 */
export async function collect(events: AsyncIterable<AnswerEvent>): Promise<Composition>;
export async function collect(events: AsyncIterable<EngineEvent>): Promise<AskResponse>;
export async function collect(events: AsyncIterable<AnswerEvent | EngineEvent>): Promise<Composition | AskResponse> {
  for await (const event of events) {
    if (event.type === "done") return "answer" in event ? event.answer : event.response;
  }
  throw new AppError("INTERNAL", "The answer stream ended without a done event");
}
