import { AppError } from "../../core/errors.js";
import type { AskRequest, Engine, Hit } from "../../core/types.js";
import type { Observation } from "../score.js";
import { shownPassages, type AskRunner, type RetrievalSource } from "./runner.js";

/**
 * The hits of the engine's last retrieval, recorded through createEngine's `onRetrieve` hook. Questions are asked
 * one at a time (runGold is sequential), so the last retrieval is the current question's.
 */
export class RetrievalLog {
  private last: readonly Hit[] | undefined;
  readonly record = (_query: string, hits: readonly Hit[]): void => {
    this.last = hits;
  };

  /** The recorded hits, and forgets them so that a question without a retrieval cannot see another's. */
  take(): readonly Hit[] | undefined {
    const hits = this.last;
    this.last = undefined;
    return hits;
  }
}

/**
 * Drains the engine's event stream (the server's code path) and returns the `done` response. With a RetrievalLog
 * wired to the engine, retrieval metrics use the retriever's real top-k; without, the passages the response shows.
 */
export class EngineRunner implements AskRunner {
  readonly retrieval: RetrievalSource;

  constructor(
    private readonly engine: Engine,
    private readonly recorded: Record<string, unknown>,
    readonly name = "citebot",
    private readonly log?: RetrievalLog,
  ) {
    this.retrieval = log ? "retriever" : "shown";
  }

  async ask(request: AskRequest, signal?: AbortSignal): Promise<Observation> {
    this.log?.take();
    for await (const event of this.engine.ask(request, signal)) {
      if (event.type !== "done") continue;
      const hits = this.log?.take();
      if (this.log && !hits) throw new AppError("INTERNAL", `No retrieval was recorded for "${request.question}"`);
      return { response: event.response, retrieved: hits ? hits.map((h) => h.chunk) : shownPassages(event.response) };
    }
    throw new AppError("INTERNAL", `The engine ended without a done event for "${request.question}"`);
  }

  settings(): Record<string, unknown> {
    return this.recorded;
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
