import { setTimeout as sleep } from "node:timers/promises";
import type { Engine, EngineEvent } from "../../core/types.js";
import type { ServedEngine } from "../engine-gate.js";

/** Wraps a real engine so each token arrives `ms` later: lets a browser test watch the answer stream in. */
export function slowTokens(engine: ServedEngine, ms: number): ServedEngine {
  async function* ask(...args: Parameters<Engine["ask"]>): AsyncGenerator<EngineEvent> {
    for await (const event of engine.ask(...args)) {
      if (event.type === "token") await sleep(ms);
      yield event;
    }
  }
  const documents = engine.documents?.bind(engine);
  return { ask, health: () => engine.health(), close: () => engine.close(), ...(documents ? { documents } : {}) };
}
