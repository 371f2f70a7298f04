import { Router } from "express";
import { collect } from "../../rag/index.js";
import type { EngineGate } from "../engine-gate.js";
import { parseAskBody, requireJson } from "../request.js";

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
    res.json(await collect(engine.ask(request, abort.signal)));
  });
}
