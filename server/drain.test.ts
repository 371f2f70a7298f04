import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { pino } from "pino";
import { loadConfig } from "../core/config.js";
import { createApp } from "./app.js";
import { Drain } from "./drain.js";
import { listen } from "./listen.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { expectError, postJson } from "./testing/http.js";
import { readSse } from "./testing/read-sse.js";

const QUESTION = { question: "How long did they speak?" };

async function serve(tokenDelayMs: number, graceMs: number) {
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: "0", SHUTDOWN_GRACE_MS: String(graceMs) });
  const drain = new Drain();
  const engine = createStandInEngine({ tokenDelayMs, answer: "They spoke for ninety minutes on Wednesday [1]." });
  const app = createApp({ config, engine, drain, logger: pino({ level: "silent" }) });
  return { drain, ...(await listen(app, "127.0.0.1", 0, { drain, limits: config.server })) };
}

describe("graceful drain (in process)", () => {
  test("drain · request after it started · 503 SHUTTING_DOWN with Connection: close and Retry-After", async () => {
    const srv = await serve(0, 1_000);
    try {
      void srv.drain.drain(1_000);
      const res = await postJson(`${srv.url}/api/ask`, QUESTION);
      assert.equal(res.headers.get("connection"), "close");
      assert.equal(res.headers.get("retry-after"), "1");
      await expectError(res, 503, "SHUTTING_DOWN");
    } finally {
      await srv.close();
    }
  });

  test("close · ask shorter than the grace · completes; stream longer than it · error event SHUTTING_DOWN", async () => {
    // 8 tokens at 40 ms (0.3 s) finish inside a 0.6 s grace; at 400 ms a token (3.2 s) the stream does not.
    const quick = await serve(40, 600);
    const slow = await serve(400, 600);
    const ask = postJson(`${quick.url}/api/ask`, QUESTION);
    const stream = await postJson(`${slow.url}/api/chat`, QUESTION);
    const read = readSse(stream);
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await Promise.all([quick.close(), slow.close()]);
    const closeMs = performance.now() - started;

    const answered = await ask;
    assert.equal(answered.status, 200);
    assert.match(((await answered.json()) as { answer: string }).answer, /ninety minutes/);
    const { frames } = await read;
    assert.equal(frames[0]?.event, "citations");
    assert.deepEqual(frames.at(-1), { event: "error", data: { code: "SHUTTING_DOWN", message: "The server is restarting; try again shortly" } });
    assert.ok(closeMs >= 550 && closeMs < 1_600, `closed after ${Math.round(closeMs)} ms`);
  });

  test("close · nothing in flight · resolves at once", async () => {
    const srv = await serve(0, 5_000);
    const started = performance.now();
    await srv.close();
    assert.ok(performance.now() - started < 500);
  });
});
