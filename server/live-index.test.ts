import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { pino } from "pino";
import { loadConfig } from "../core/config.js";
import type { AskResponse, Health } from "../core/types.js";
import { createEmbedder, FakeEmbedder, readManifest, runIngest } from "../ingest/index.js";
import { createApp } from "./app.js";
import { startCitebot, type Citebot } from "./boot.js";
import { Drain } from "./drain.js";
import { EngineGate } from "./engine-gate.js";
import { listen } from "./listen.js";
import { LiveIndex } from "./live-index.js";
import { CORPUS_DIR, offlineEnv } from "./testing/offline-env.js";
import { postJson } from "./testing/http.js";
import { readSse } from "./testing/read-sse.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";

const silent = pino({ level: "silent" });

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

const health = async (url: string) => (await (await fetch(`${url}/api/health`)).json()) as Health;

describe("live index · swap under a running stream (stand-in engines)", () => {
  test("new manifest · new asks use the new engine, the running stream ends on the old one, which is closed after it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "citebot-live-"));
    const docsDir = path.join(dir, "docs");
    const indexDir = path.join(dir, "index");
    await mkdir(docsDir);
    await writeFile(path.join(docsDir, "a.md"), "# A\n\nThe first document talks about lighthouses.\n");
    const ingest = () => runIngest({ docsDir, indexDir, chunkSize: 1000, chunkOverlap: 200 }, { embedder: new FakeEmbedder() });
    await ingest();
    const old = createStandInEngine({ answer: "The old index answers this [1]." });
    let oldClosedAt = 0;
    let askEndedAt = 0;
    // The old engine's stream holds its `done` until the test has seen the swap.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const served = {
      ...old,
      async *ask(...args: Parameters<typeof old.ask>) {
        try {
          for await (const event of old.ask(...args)) {
            if (event.type === "done") await held;
            yield event;
          }
        } finally {
          askEndedAt = performance.now();
        }
      },
      close: async () => void (oldClosedAt = performance.now()),
    };
    const drain = new Drain();
    const gate = new EngineGate(served);
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: "0" });
    const srv = await listen(createApp({ config, engine: gate, drain, logger: silent }), "127.0.0.1", 0, { drain });
    const live = new LiveIndex({
      indexDir,
      pollMs: 50,
      gate,
      drain,
      logger: silent,
      open: async () => {
        const fresh = createStandInEngine({ answer: "The new index answers this [1]." });
        const builtAt = (await readManifest(indexDir)).builtAt;
        return { ...fresh, health: () => ({ ...fresh.health(), indexBuiltAt: builtAt }) };
      },
    });
    try {
      const stream = readSse(await postJson(`${srv.url}/api/chat`, { question: "q" }));
      live.start();
      await writeFile(path.join(docsDir, "b.md"), "# B\n\nThe second document talks about ferries.\n");
      await ingest();
      const { builtAt } = await readManifest(indexDir);
      await until(async () => (await health(srv.url)).indexBuiltAt === builtAt);
      const fresh = (await (await postJson(`${srv.url}/api/ask`, { question: "q" })).json()) as AskResponse;
      assert.equal(fresh.answer, "The new index answers this [1].");
      assert.equal(oldClosedAt, 0, "the old engine stays open while its stream runs");
      release();

      const { frames } = await stream;
      assert.equal((frames.at(-1)?.data as AskResponse).answer, "The old index answers this [1].");
      await until(async () => oldClosedAt > 0, 5_000);
      assert.ok(askEndedAt > 0 && oldClosedAt >= askEndedAt, "closed after its last request was done with it");
    } finally {
      live.stop();
      await srv.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("live index · npm start, then an ingest beside it (real engine)", () => {
  let dir: string;
  let docsDir: string;
  let citebot: Citebot;
  let config: ReturnType<typeof loadConfig>;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "citebot-live-real-"));
    docsDir = path.join(dir, "docs");
    await mkdir(docsDir);
    for (const name of await readdir(CORPUS_DIR)) await copyFile(path.join(CORPUS_DIR, name), path.join(docsDir, name));
    config = loadConfig({ ...offlineEnv(docsDir, path.join(dir, "index")), INDEX_POLL_MS: "100" });
    citebot = await startCitebot(config, silent);
    await citebot.ready;
  });
  after(async () => {
    await citebot?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("ingest of a new document · health shows the new build and the next answer cites it, no restart", async () => {
    const before = await health(citebot.url);
    await writeFile(
      path.join(docsDir, "harbour.md"),
      "# Harbour works\n\nThe Port of Valdren will dredge its harbour to a depth of 17 metres by 2031, the port authority said.\n",
    );
    await runIngest({ ...config.ingest }, { embedder: await createEmbedder(config) });
    const { builtAt } = await readManifest(config.ingest.indexDir);
    assert.notEqual(builtAt, before.indexBuiltAt);
    await until(async () => (await health(citebot.url)).indexBuiltAt === builtAt);
    assert.equal((await health(citebot.url)).documents, before.documents + 1);
    const res = (await (await postJson(`${citebot.url}/api/ask`, { question: "How deep will the Port of Valdren dredge its harbour?" })).json()) as AskResponse;
    assert.equal(res.abstained, false);
    assert.ok(
      res.citations.some((c) => c.source === "harbour.md"),
      JSON.stringify(res.citations.map((c) => c.source)),
    );
  });
});
