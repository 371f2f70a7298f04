import { Router } from "express";
import { collect } from "../../rag/index.js";
import type { Drain } from "../drain.js";
import type { EngineGate } from "../engine-gate.js";
import { parseAskRequest } from "../../core/ask-request.js";
import { requireJson } from "../request.js";
import { workSignal } from "../work-signal.js";

/** POST /api/ask: the JSON contract of issue 3. */
export function askRoute(gate: EngineGate, drain: Drain): Router {
  return Router().post("/api/ask", requireJson, async (req, res) => {
    const request = parseAskRequest(req.body);
    const engine = gate.get();
    // A client that hangs up stops retrieval and generation; so does the end of a shutdown's grace period.
    const work = workSignal(res, drain);
    try {
      res.json(await collect(engine.ask(request, work.signal)));
    } catch (err) {
      throw work.shutdown ?? err;
    } finally {
      work.release();
    }
  });
}
