import { AppError } from "../../core/errors.js";
import type { AskRequest, Engine } from "../../core/types.js";
import type { Observation } from "../score.js";
import { shownPassages, type AskRunner } from "./runner.js";

/** Drains the engine's event stream (the server's code path) and returns the `done` response. */
export class EngineRunner implements AskRunner {
  constructor(
    private readonly engine: Engine,
    private readonly recorded: Record<string, unknown>,
    readonly name = "citebot",
  ) {}

  async ask(request: AskRequest, signal?: AbortSignal): Promise<Observation> {
    for await (const event of this.engine.ask(request, signal)) {
      if (event.type === "done") return { response: event.response, retrieved: shownPassages(event.response) };
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
