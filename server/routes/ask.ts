import { Router } from "express";
import { AppError } from "../../core/errors.js";
import type { AskRequest, AskResponse, Engine } from "../../core/types.js";
import type { EngineGate } from "../engine-gate.js";
import { parseAskBody, requireJson } from "../request.js";

/** Drains the engine's events into the one response the `done` event carries. */
export async function collectResponse(engine: Engine, request: AskRequest, signal?: AbortSignal): Promise<AskResponse> {
  for await (const event of engine.ask(request, signal)) {
    if (event.type === "done") return event.response;
  }
  throw new AppError("INTERNAL", "The engine finished without an answer");
}

/** POST /api/ask: the JSON contract of issue 3. */
export function askRoute(gate: EngineGate): Router {
  return Router().post("/api/ask", requireJson, async (req, res) => {
    const request = parseAskBody(req.body);
    const engine = gate.get();
    // A client that hangs up stops retrieval and generation.
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    res.json(await collectResponse(engine, request, abort.signal));
  });
}
