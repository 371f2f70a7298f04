import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { CORPUS_DIR } from "./testing/corpus-engine.js";

const ROOT = path.resolve(import.meta.dirname, "..");

test("main · INDEX_DIR empty · listens, builds the index with progress, serves, exits 0 on SIGTERM", async () => {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), "citebot-main-"));
  // An explicit environment: offline whatever the developer's shell or .env says, and a free port.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "main.ts")], {
    cwd: ROOT,
    env: {
      DOCS_DIR: CORPUS_DIR,
      INDEX_DIR: indexDir,
      FEEDBACK_DB: path.join(indexDir, "feedback.sqlite"),
      CACHE_DIR: path.join(ROOT, ".data", "cache"),
      EMBEDDINGS: "local",
      GENERATOR: "extractive",
      HOST: "127.0.0.1",
      PORT: "0",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const messages: string[] = [];
    let url = "";
    for await (const line of createInterface({ input: child.stdout })) {
      const msg = String((JSON.parse(line) as { msg?: unknown }).msg);
      messages.push(msg);
      url ||= /listening on (http:\S+)/.exec(msg)?.[1] ?? "";
      if (msg.startsWith("ready:")) break;
    }
    assert.ok(url, "logs where it listens");
    const listening = messages.findIndex((m) => m.startsWith("citebot listening"));
    const building = messages.findIndex((m) => m.startsWith("no index yet"));
    assert.ok(listening >= 0 && building >= 0, messages.join("\n"));
    assert.ok(messages.some((m) => /^\[5\/5\] .+: \d+ chunks$/.test(m)), "logs progress per file");
    assert.ok(messages.includes("index built"));

    const health = (await (await fetch(`${url}/api/health`)).json()) as { documents: number };
    assert.equal(health.documents, 5);

    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0, "graceful shutdown exits 0");
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await rm(indexDir, { recursive: true, force: true });
  }
});
