import { Router } from "express";
import { renderDemoPage } from "../demo-page.js";
import type { EngineGate } from "../engine-gate.js";
import { buildWidget, type WidgetBundle } from "../widget/bundle.js";

/** The demo page may load only its own script, styles and API. */
const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** GET /widget.js (bundled in memory on first request, then cached, served gzipped when accepted) and GET /. */
export function widgetRoute(gate: EngineGate): Router {
  let bundle: Promise<WidgetBundle> | undefined;
  const widget = () =>
    (bundle ??= buildWidget().catch((err: unknown) => {
      bundle = undefined; // let the next request try again rather than caching the failure
      throw err;
    }));

  return Router()
    .get("/widget.js", async (req, res) => {
      const { code, gzip, etag } = await widget();
      res.set({
        "Content-Type": "text/javascript; charset=utf-8",
        "Cache-Control": "public, max-age=300",
        ETag: etag,
        Vary: "Accept-Encoding",
        // Any page may embed the widget.
        "Cross-Origin-Resource-Policy": "cross-origin",
        "Access-Control-Allow-Origin": "*",
      });
      if (req.acceptsEncodings("gzip") === "gzip") res.set("Content-Encoding", "gzip").send(gzip);
      else res.send(code);
    })
    .get("/", async (req, res) => {
      const engine = gate.ready ? gate.get() : undefined;
      const html = await renderDemoPage({
        origin: `${req.protocol}://${req.get("host") ?? "localhost"}`,
        health: engine?.health(),
        documents: engine?.documents?.(),
      });
      res.set({ "Content-Security-Policy": DEMO_CSP, "Cache-Control": "no-store" }).type("html").send(html);
    });
}
