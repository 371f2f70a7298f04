/**
 * Child process of bench/scale.bench.ts: opens the engine over INDEX_DIR (argv[2]) as the server does, then asks
 * each question of the file argv[3] once (the first ask of a never-seen question) and prints one JSON line.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../core/config.js";
import { createEmbedder } from "../ingest/index.js";
import { createEngine } from "../rag/index.js";

const ROOT = path.dirname(import.meta.dirname);
const [indexDir, questionsFile] = process.argv.slice(2);
const config = loadConfig({ INDEX_DIR: indexDir!, CACHE_DIR: path.join(ROOT, ".data/cache"), EMBEDDINGS: "local", GENERATOR: "extractive" });
const started = performance.now();
const embedder = await createEmbedder(config);
const engine = await createEngine(config, { embedder });
const readyMs = performance.now() - started;
const readyRssMb = process.memoryUsage.rss() / 2 ** 20;
const questions = JSON.parse(await readFile(questionsFile!, "utf8")) as string[];
const times: number[] = [];
for (const question of questions) {
  const s = performance.now();
  for await (const event of engine.ask({ question })) void event;
  times.push(performance.now() - s);
}
process.stdout.write(`${JSON.stringify({ chunks: engine.health().chunks, readyMs, readyRssMb, times, rssMb: process.memoryUsage.rss() / 2 ** 20 })}\n`);
