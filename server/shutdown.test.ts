import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { FakeOpenAIServer } from "../core/testing/fake-openai-server.js";
import type { AskResponse } from "../core/types.js";
import { postJson } from "./testing/http.js";
import { readSse, type SseFrame } from "./testing/read-sse.js";
import { spawnMain, type MainProcess } from "./testing/spawn-main.js";

const IN_FLIGHT = 32;
const GRACE_MS = 4_000;
const QUESTION = { question: "What did Hegseth say about Ukraine's borders?" };
/** Each ask's model answer streams for ~0.9 s: it is still in flight when SIGTERM arrives. */
const SLOW_ANSWER = { type: "chat" as const, content: "Hegseth said a return to the 2014 borders was unrealistic [1].", chunkDelayMs: 90 };

/**
 * SIGTERM to the real server (a child process, LLM path against a slow fake model on 127.0.0.1) while 32 asks
 * and a chat stream are in flight: every ask completes, the stream that outlasts the grace period gets an
 * `error` event SHUTTING_DOWN, nothing is reset, new connections are refused, and the process exits 0.
 */
describe("main · SIGTERM under load", () => {
  let fake: FakeOpenAIServer;
  let indexDir: string;
  let main: MainProcess;

  before(async () => {
    fake = await FakeOpenAIServer.start();
    indexDir = await mkdtemp(path.join(os.tmpdir(), "citebot-shutdown-"));
    main = await spawnMain(indexDir, {
      GENERATOR: "openai",
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MAX_RETRIES: "0",
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
  });
  after(async () => {
    main?.kill();
    await fake?.close();
    await rm(indexDir, { recursive: true, force: true });
  });

  test("SIGTERM · 32 asks and a long chat stream in flight · asks complete, stream told SHUTTING_DOWN, none reset, exit 0", async () => {
    // The stream's model answer would take 30 s: far beyond the grace period.
    fake.script("chat", { type: "chat", content: "word ".repeat(100).trim(), chunkDelayMs: 300 });
    const stream = await postJson(`${main.url}/api/chat`, QUESTION);
    assert.equal(stream.status, 200);
    const frames: SseFrame[] = [];
    const streamRead = readSse(stream, (frame) => void frames.push(frame));
    await until(() => fake.requestsTo("chat").length === 1);

    fake.script("chat", ...Array.from({ length: IN_FLIGHT }, () => SLOW_ANSWER));
    const asks = Array.from({ length: IN_FLIGHT }, () =>
      postJson(`${main.url}/api/ask`, QUESTION).then(
        async (res) => ({ status: res.status, body: (await res.json()) as AskResponse }),
        (err: unknown) => ({ status: 0, error: err }),
      ),
    );
    await until(() => fake.requestsTo("chat").length === 1 + IN_FLIGHT);

    const signalled = performance.now();
    main.child.kill("SIGTERM");
    await until(() => main.messages.some((m) => m.startsWith("SIGTERM")));
    await assert.rejects(fetch(`${main.url}/api/health`), "a new connection is refused once draining");

    const results = await Promise.all(asks);
    const completed = results.filter((r) => r.status === 200 && "body" in r && r.body.generator.startsWith("openai:"));
    const reset = results.filter((r) => r.status === 0);
    const askMs = performance.now() - signalled;
    await streamRead;
    const code = await main.exited;
    const exitMs = performance.now() - signalled;
    console.log(
      `SIGTERM under load: ${IN_FLIGHT} asks in flight, ${completed.length} completed (last ${Math.round(askMs)} ms after SIGTERM), ${reset.length} reset; stream ended with ${frames.at(-1)?.event}; exit ${code} after ${Math.round(exitMs)} ms (grace ${GRACE_MS} ms)`,
    );

    assert.equal(reset.length, 0, "no ask was reset");
    assert.equal(completed.length, IN_FLIGHT, "every in-flight ask got its model answer");
    assert.ok(
      frames.some((f) => f.event === "token"),
      "the stream had started",
    );
    assert.deepEqual(frames.at(-1), { event: "error", data: { code: "SHUTTING_DOWN", message: "The server is restarting; try again shortly" } });
    assert.equal(code, 0);
    assert.ok(exitMs < GRACE_MS + 2_000, `exited ${Math.round(exitMs)} ms after SIGTERM`);
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
