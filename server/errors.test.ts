import assert from "node:assert/strict";
import { once } from "node:events";
import { connect } from "node:net";
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

describe("client mistakes are 4xx and quiet", () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer(createStandInEngine())));
  after(() => srv.close());

  for (const encoding of ["gzip", "br", "deflate"]) {
    test(`ask · body that is not valid ${encoding} · 400 BAD_REQUEST, nothing logged as an error`, async () => {
      const res = await fetch(`${srv.url}/api/ask`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Encoding": encoding },
        body: '{"question":"not compressed at all"}',
      });
      assert.match(await expectError(res, 400, "BAD_REQUEST"), new RegExp(`could not be read as Content-Encoding ${encoding}`));
      assert.deepEqual(
        srv.logs.filter((l) => Number(l.level) >= 50),
        [],
      );
    });
  }

  test("ask · client abandons its upload · logged at info, no error", async () => {
    const socket = connect(Number(new URL(srv.url).port), "127.0.0.1");
    await once(socket, "connect");
    socket.write('POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"question":');
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    await waitFor(() => srv.logs.some((l) => l.msg === "request aborted by the client"));
    assert.equal(srv.logs.find((l) => l.msg === "request aborted by the client")?.level, 30);
    assert.deepEqual(
      srv.logs.filter((l) => Number(l.level) >= 50),
      [],
    );
  });
});

describe("readiness logs", () => {
  test("ask · engine still starting · the 503 is logged at debug, without an error or stack", async () => {
    const srv = await startTestServer(new Promise<Engine>(() => undefined));
    try {
      await expectError(await postJson(`${srv.url}/api/ask`, { question: "hi" }), 503, "INDEX_NOT_READY");
      await waitFor(() => srv.logs.some((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 503));
      const line = srv.logs.find((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 503)!;
      assert.equal(line.level, 20);
      assert.equal(line.err, undefined);
      assert.deepEqual(
        srv.logs.filter((l) => Number(l.level) >= 40),
        [],
      );
    } finally {
      await srv.close();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), "timed out waiting");
}
