import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { spawnMain } from "./testing/spawn-main.js";

test("main · INDEX_DIR empty · listens, builds the index with progress, serves, exits 0 on SIGTERM", async () => {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), "citebot-main-"));
  const main = await spawnMain(indexDir);
  try {
    const { messages, url } = main;
    assert.ok(url, "logs where it listens");
    const listening = messages.findIndex((m) => m.startsWith("citebot listening"));
    const building = messages.findIndex((m) => m.startsWith("no index yet"));
    assert.ok(listening >= 0 && building >= 0, messages.join("\n"));
    assert.ok(messages.some((m) => /^\[5\/5\] .+: \d+ chunks$/.test(m)), "logs progress per file");
    assert.ok(messages.includes("index built"));

    const health = (await (await fetch(`${url}/api/health`)).json()) as { documents: number };
    assert.equal(health.documents, 5);

    main.child.kill("SIGTERM");
    assert.equal(await main.exited, 0, "graceful shutdown exits 0");
  } finally {
    main.kill();
    await rm(indexDir, { recursive: true, force: true });
  }
});
