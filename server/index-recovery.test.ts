import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { pino } from "pino";
import { loadConfig } from "../core/config.js";
import { createEmbedder, runIngest } from "../ingest/index.js";
import { openEngine } from "./boot.js";
import { CORPUS_DIR } from "./testing/offline-env.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const CACHE_DIR = path.join(ROOT, ".data", "cache");

test("server start · previous ingest killed between the swap's renames, DOCS_DIR now empty · serves the restored index", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "citebot-recovery-"));
  try {
    const docsDir = path.join(dir, "docs");
    const indexDir = path.join(dir, "index");
    await mkdir(docsDir);
    for (const name of await readdir(CORPUS_DIR)) await copyFile(path.join(CORPUS_DIR, name), path.join(docsDir, name));
    const env = { DOCS_DIR: docsDir, INDEX_DIR: indexDir, CACHE_DIR, EMBEDDINGS: "local", GENERATOR: "extractive" };
    await runIngest({ ...loadConfig(env).ingest }, { embedder: await createEmbedder(loadConfig(env)) });

    await writeFile(path.join(docsDir, "new.md"), "# New\n\nA new document about harbour tides.\n");
    const script = path.join(ROOT, "ingest", "testing", "crash-during-save.ts");
    const child = spawn(process.execPath, ["--import", "tsx", script, docsDir, indexDir, "between-renames", CACHE_DIR], { stdio: "inherit" });
    assert.deepEqual((await once(child, "exit"))[1], "SIGKILL");
    await assert.rejects(stat(indexDir), "no live index after the crash");

    const emptyDocs = path.join(dir, "empty");
    await mkdir(emptyDocs);
    const logs: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(line) });
    const engine = await openEngine(loadConfig({ ...env, DOCS_DIR: emptyDocs }), logger);
    try {
      assert.equal(engine.health().documents, 5);
      assert.ok(!logs.some((l) => l.includes("no index yet")), "did not try to rebuild from the empty folder");
    } finally {
      await engine.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("server start · index whose BM25 an older analyzer wrote · serves it and warns that `npm run ingest` rewrites it", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "citebot-analyzer-"));
  try {
    const indexDir = path.join(dir, "index");
    const env = { DOCS_DIR: CORPUS_DIR, INDEX_DIR: indexDir, CACHE_DIR, EMBEDDINGS: "local", GENERATOR: "extractive" };
    await runIngest({ ...loadConfig(env).ingest }, { embedder: await createEmbedder(loadConfig(env)) });
    const manifestFile = path.join(indexDir, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    manifest.bm25.analyzer = "content-terms-v1";
    await writeFile(manifestFile, JSON.stringify(manifest));
    const logs: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(line) });
    const engine = await openEngine(loadConfig(env), logger);
    try {
      assert.equal(engine.health().documents, 5);
      assert.ok(
        logs.some((l) => l.includes("older analyzer") && l.includes("content-terms-v1")),
        logs.join(""),
      );
    } finally {
      await engine.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
