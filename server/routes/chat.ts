import { Router } from "express";
import type { EngineEvent } from "../../core/types.js";
import type { EngineGate } from "../engine-gate.js";
import { parseAskBody, requireJson } from "../request.js";
import { openSse } from "../sse.js";

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
 * event (written by the error middleware). A client that disconnects aborts the engine.
 */
export function chatRoute(gate: EngineGate, heartbeatMs: number): Router {
  return Router().post("/api/chat", requireJson, async (req, res) => {
    const request = parseAskBody(req.body);
    const engine = gate.get();
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    const sse = openSse(res, heartbeatMs);
    try {
      for await (const event of engine.ask(request, abort.signal)) {
        if (abort.signal.aborted) return;
        await sse.send(event.type, payload(event));
      }
    } finally {
      sse.stop();
    }
    res.end();
  });
}
