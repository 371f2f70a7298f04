import { Router } from "express";
import type { EngineGate } from "../engine-gate.js";

/** GET /api/health: index statistics when ready; 503 INDEX_NOT_READY (JSON error) while it builds. */
export function healthRoute(gate: EngineGate): Router {
  return Router()
    .get("/api/health", (_req, res) => {
      res.set("Cache-Control", "no-store").json(gate.get().health());
    })
    .get("/api/documents", (_req, res) => {
      res.set("Cache-Control", "no-store").json({ documents: gate.get().documents?.() ?? [] });
    });
}
