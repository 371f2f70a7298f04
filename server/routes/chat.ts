import { Router } from "express";
import type { EngineEvent } from "../../core/types.js";
import type { Drain } from "../drain.js";
import type { EngineGate } from "../engine-gate.js";
import { parseAskRequest } from "../../core/ask-request.js";
import { requireJson } from "../request.js";
import { openSse } from "../sse.js";
import { workSignal } from "../work-signal.js";

/** The wire payload of each engine event: `done` carries the /api/ask response object itself. */
function payload(event: EngineEvent): unknown {
  switch (event.type) {
    case "citations":
      return { citations: event.citations };
    case "token":
      return { text: event.text };
    case "done":
      return event.response;
  }
}

/**
 * POST /api/chat: the same body as /api/ask, answered as Server-Sent Events (`citations`, `token`s, `done`).
 * Validation and readiness fail as plain JSON errors; failures after the stream opened become an `error`
 * event (written by the error middleware). A client that disconnects aborts the engine; a stream still open
 * when a shutdown's grace period ends gets an `error` event with code SHUTTING_DOWN.
 */
export function chatRoute(gate: EngineGate, heartbeatMs: number, drain: Drain): Router {
  return Router().post("/api/chat", requireJson, async (req, res) => {
    const request = parseAskRequest(req.body);
    const engine = gate.get();
    const work = workSignal(res, drain);
    const sse = openSse(res, heartbeatMs);
    try {
      for await (const event of engine.ask(request, work.signal)) {
        if (work.signal.aborted) break;
        await sse.send(event.type, payload(event));
      }
    } catch (err) {
      if (!work.signal.aborted) throw err;
    } finally {
      sse.stop();
      work.release();
    }
    // Thrown, it reaches the error middleware, which writes it as the stream's `error` event and ends it.
    if (work.shutdown) throw work.shutdown;
    res.end();
  });
}
