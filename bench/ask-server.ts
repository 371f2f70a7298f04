/**
 * Child process of bench/ask.bench.ts: serves either citebot (offline default, index over the sample corpus,
 * rate limit off) or a bare Express route, on 127.0.0.1, and reports over IPC when ready and its memory.
 * Usage (by the bench only): node --import tsx bench/ask-server.ts citebot|bare
 */
import path from "node:path";
import express from "express";
import { pino } from "pino";
import { loadConfig } from "../core/config.js";
import { listen } from "../server/listen.js";
import { CORPUS_DIR, offlineEnv } from "../server/testing/offline-env.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const mode = process.argv[2];
if (!process.send) throw new Error("bench/ask-server.ts runs as a child of bench/ask.bench.ts (needs an IPC channel)");
const send = process.send.bind(process);

let peakRss = process.memoryUsage.rss();
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100).unref();
process.on("message", (msg) => {
  if (msg === "stats") send({ type: "stats", rss: process.memoryUsage.rss(), peakRss });
});

if (mode === "citebot") {
  const config = loadConfig({ ...offlineEnv(CORPUS_DIR, path.join(ROOT, ".data/index")), HOST: "127.0.0.1", LOG_LEVEL: "warn" });
  // Imported here so the bare reference does not load (and get measured with) citebot's modules.
  const { startCitebot } = await import("../server/boot.js");
  const citebot = await startCitebot(config, pino({ level: config.log.level }));
  await citebot.ready;
  send({ type: "ready", url: citebot.url });
} else if (mode === "bare") {
  // The reference: same framework, same JSON body parsing, no work.
  const app = express();
  app.disable("x-powered-by");
  app.post("/api/ask", express.json(), (req, res) => {
    res.json({ answer: `echo: ${String((req.body as { question?: unknown }).question)}`, abstained: false, citations: [] });
  });
  const { url } = await listen(app, "127.0.0.1", 0);
  send({ type: "ready", url });
} else {
  throw new Error(`unknown mode ${String(mode)}; expected citebot or bare`);
}
