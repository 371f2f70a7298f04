import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { CORPUS_DIR, offlineEnv } from "./testing/offline-env.js";

const ROOT = path.resolve(import.meta.dirname, "..");

test("start · WEB_CONCURRENCY=2 · two workers on one port, a killed worker replaced, SIGTERM stops all and exits 0", async () => {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), "citebot-cluster-"));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "start.ts")], {
    cwd: ROOT,
    env: { ...offlineEnv(CORPUS_DIR, indexDir), HOST: "127.0.0.1", WEB_CONCURRENCY: "2" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready: number[] = [];
  const urls = new Set<string>();
  const lines = createInterface({ input: child.stdout });
  let onReady: () => void = () => {};
  lines.on("line", (line) => {
    const { msg, pid } = JSON.parse(line) as { msg?: string; pid: number };
    const url = /listening on (http:\S+)/.exec(msg ?? "")?.[1];
    if (url) urls.add(url);
    if (msg?.startsWith("ready:")) (ready.push(pid), onReady());
  });
  const readyCount = (n: number) =>
    new Promise<void>((resolve) => {
      onReady = () => ready.length >= n && resolve();
      onReady();
    });
  try {
    await readyCount(2);
    assert.equal(new Set(ready).size, 2, "two worker processes");
    assert.equal(urls.size, 1, `one port for both: ${[...urls].join(", ")}`);
    const url = [...urls][0]!;
    const ask = async () =>
      (
        await fetch(`${url}/api/ask`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ question: "What did Kaja Kallas warn about?" }),
        })
      ).status;
    assert.deepEqual(await Promise.all([ask(), ask(), ask(), ask()]), [200, 200, 200, 200]);

    process.kill(ready[0]!, "SIGKILL");
    await readyCount(3);
    assert.ok(![ready[0], ready[1]].includes(ready[2]), "a new worker replaced the killed one");
    assert.deepEqual(await Promise.all([ask(), ask(), ask(), ask()]), [200, 200, 200, 200]);

    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0, "all workers drained and the primary exits 0");
    for (const pid of ready.slice(1)) assert.throws(() => process.kill(pid, 0), "worker gone");
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await rm(indexDir, { recursive: true, force: true });
  }
});
