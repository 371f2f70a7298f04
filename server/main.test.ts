import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { spawnMain, startMain } from "./testing/spawn-main.js";

test("main · INDEX_DIR empty · listens, builds the index with progress, serves, exits 0 on SIGTERM", async () => {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), "citebot-main-"));
  const main = await spawnMain(indexDir);
  try {
    const { messages, url } = main;
    assert.ok(url, "logs where it listens");
    const listening = messages.findIndex((m) => m.startsWith("citebot listening"));
    const building = messages.findIndex((m) => m.startsWith("no index yet"));
    assert.ok(listening >= 0 && building >= 0, messages.join("\n"));
    assert.ok(
      messages.some((m) => /^\[5\/5\] .+: \d+ chunks$/.test(m)),
      "logs progress per file",
    );
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

test("main · PORT already in use · one-line hint, exit 1", async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  const { port } = taken.address() as AddressInfo;
  const indexDir = await mkdtemp(path.join(os.tmpdir(), "citebot-main-"));
  const main = startMain(indexDir, { PORT: String(port) });
  try {
    assert.equal(await main.exited, 1);
    const fatal = main.messages.filter((m) => m.includes("in use"));
    assert.deepEqual(fatal, [`port ${port} is already in use on 127.0.0.1: stop the other server or set PORT to a free port`]);
  } finally {
    main.kill();
    taken.close();
    await rm(indexDir, { recursive: true, force: true });
  }
});
