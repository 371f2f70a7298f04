import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppError } from "../core/errors.js";
import type { Engine } from "../core/types.js";
import { expectError, postJson } from "./testing/http.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { startTestServer, type TestServer } from "./testing/start.js";

describe("body limit", () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer(createStandInEngine(), { BODY_LIMIT: "1kb" })));
  after(() => srv.close());

  test("ask · body over BODY_LIMIT · 413 PAYLOAD_TOO_LARGE", async () => {
    const res = await postJson(`${srv.url}/api/ask`, { question: "ok", history: [{ role: "user", content: "x".repeat(2000) }] });
    await expectError(res, 413, "PAYLOAD_TOO_LARGE");
  });
});

describe("readiness", () => {
  test("ask and health · engine still starting · 503 INDEX_NOT_READY, then 200 once it resolves", async () => {
    let resolve!: (engine: Engine) => void;
    const srv = await startTestServer(new Promise<Engine>((r) => (resolve = r)));
    try {
      assert.match(await expectError(await postJson(`${srv.url}/api/ask`, { question: "hi" }), 503, "INDEX_NOT_READY"), /being built/);
      await expectError(await postJson(`${srv.url}/api/chat`, { question: "hi" }), 503, "INDEX_NOT_READY");
      await expectError(await fetch(`${srv.url}/api/health`), 503, "INDEX_NOT_READY");
      const demo = await (await fetch(`${srv.url}/`)).text();
      assert.match(demo, /index is being built/);
      resolve(createStandInEngine());
      await new Promise((r) => setImmediate(r));
      assert.equal((await fetch(`${srv.url}/api/health`)).status, 200);
      assert.equal((await postJson(`${srv.url}/api/ask`, { question: "hi" })).status, 200);
    } finally {
      await srv.close();
    }
  });

  test("ask · engine failed to start · 503 telling to read the log", async () => {
    const failed = Promise.reject(new Error("index folder is corrupt"));
    const srv = await startTestServer(failed);
    try {
      await new Promise((r) => setImmediate(r));
      const message = await expectError(await postJson(`${srv.url}/api/ask`, { question: "hi" }), 503, "INDEX_NOT_READY");
      assert.match(message, /could not be loaded/);
      assert.doesNotMatch(message, /corrupt/);
    } finally {
      await srv.close();
    }
  });
});

describe("engine failures", () => {
  test("ask · engine throws a plain Error · generic 500 without stack; stack logged with request id", async () => {
    const srv = await startTestServer(createStandInEngine({ failAfterTokens: 0, failure: new TypeError("secret detail at /srv/x.ts") }));
    try {
      const res = await postJson(`${srv.url}/api/ask`, { question: "hi" }, { "X-Request-Id": "req-500" });
      const raw = await res.text();
      assert.equal(res.status, 500);
      assert.deepEqual(JSON.parse(raw), { error: { code: "INTERNAL", message: "Internal server error" } });
      assert.doesNotMatch(raw, /secret|\.ts|at /);
      const logged = srv.logs.find((l) => l.msg === "unhandled error");
      assert.ok(logged, "the error is logged");
      assert.match((logged.err as { stack?: string }).stack ?? "", /^TypeError: secret detail.*\n\s+at /);
      assert.equal((logged.req as { id?: string } | undefined)?.id, "req-500");
    } finally {
      await srv.close();
    }
  });

  test("ask · engine throws AppError UPSTREAM_FAILED · 502 with its message", async () => {
    const failure = new AppError("UPSTREAM_FAILED", "The embeddings server did not answer");
    const srv = await startTestServer(createStandInEngine({ failAfterTokens: 0, failure }));
    try {
      const message = await expectError(await postJson(`${srv.url}/api/ask`, { question: "hi" }), 502, "UPSTREAM_FAILED");
      assert.equal(message, "The embeddings server did not answer");
    } finally {
      await srv.close();
    }
  });
});
