import { AppError } from "../core/errors.js";
import type { Engine } from "../core/types.js";
import type { CitebotEngine } from "../rag/index.js";

/** An engine may also list its documents (as rag's engine does); the server shows them when it does. */
export type ServedEngine = Engine & Partial<Pick<CitebotEngine, "documents">>;

/**
 * Holds the engine, or the promise of one, so the server can listen while the index builds and answer
 * 503 INDEX_NOT_READY until it is ready (or for good, if building it failed).
 */
export class EngineGate {
  #engine: ServedEngine | undefined;
  #failure: unknown;

  constructor(source: ServedEngine | Promise<ServedEngine>) {
    if (source instanceof Promise) {
      source.then(
        (engine) => (this.#engine = engine),
        (err: unknown) => (this.#failure = err ?? new Error("engine failed to start")),
      );
    } else {
      this.#engine = source;
    }
  }

  /** Serves `engine` from now on (requests already holding the previous one keep it); returns the previous one. */
  swap(engine: ServedEngine): ServedEngine | undefined {
    const previous = this.#engine;
    this.#engine = engine;
    return previous;
  }

  get ready(): boolean {
    return this.#engine !== undefined;
  }

  /** The engine, or AppError INDEX_NOT_READY (the client may retry; the server log says why). */
  get(): ServedEngine {
    if (this.#engine) return this.#engine;
    const message = this.#failure ? "The index could not be loaded; see the server log" : "The index is still being built; try again shortly";
    throw new AppError("INDEX_NOT_READY", message, { cause: this.#failure });
  }
}
