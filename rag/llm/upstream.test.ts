import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { APIError } from "openai";
import { toUpstreamError, UpstreamError, withRetries } from "./upstream.js";

const apiError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { message: "raw upstream text" }, undefined, new Headers(headers));

/** An attempt that fails with the given errors in turn, then succeeds; records when each call started. */
function attempts(...failures: unknown[]) {
  const calls: number[] = [];
  const run = async () => {
    calls.push(Date.now());
    const failure = failures.shift();
    if (failure) throw failure;
    return "ok";
  };
  return { run, calls };
}

const FAST = { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1_000 };

describe("toUpstreamError", () => {
  test("toUpstreamError · statuses · 429/5xx/408 retryable, other 4xx not, reason shows only the status", () => {
    const cases: [number, boolean][] = [
      [429, true],
      [500, true],
      [503, true],
      [408, true],
      [400, false],
      [401, false],
      [404, false],
    ];
    for (const [status, retryable] of cases) {
      const err = toUpstreamError(apiError(status));
      assert.ok(err instanceof UpstreamError);
      assert.deepEqual([err.reason, err.retryable], [`upstream ${status}`, retryable]);
      assert.doesNotMatch(err.message, /raw upstream text/);
    }
  });

  test("toUpstreamError · retry-after forms · milliseconds, seconds and HTTP date all understood", () => {
    const wait = (headers: Record<string, string>) => (toUpstreamError(apiError(429, headers)) as UpstreamError).retryAfterMs;
    assert.equal(wait({ "retry-after-ms": "250" }), 250);
    assert.equal(wait({ "retry-after": "2" }), 2_000);
    const fromDate = wait({ "retry-after": new Date(Date.now() + 3_000).toUTCString() })!;
    assert.ok(fromDate > 1_000 && fromDate <= 3_000, `${fromDate}`);
    assert.equal(wait({}), undefined);
  });

  test("toUpstreamError · an error that is not the SDK's · returned unchanged (a bug, not an outage)", () => {
    const bug = new TypeError("x is undefined");
    assert.equal(toUpstreamError(bug), bug);
  });
});

describe("withRetries", () => {
  test("withRetries · two 503s then success · three calls, result returned", async () => {
    const { run, calls } = attempts(apiError(503), apiError(503));
    const { value, deadline } = await withRetries(run, 1_000, { maxRetries: 2, ...FAST });
    deadline.clear();
    assert.deepEqual([value, calls.length], ["ok", 3]);
  });

  test("withRetries · retries exhausted · rejects with the last UpstreamError", async () => {
    const { run, calls } = attempts(apiError(502), apiError(502), apiError(502));
    await assert.rejects(withRetries(run, 1_000, { maxRetries: 1, ...FAST }), { reason: "upstream 502" });
    assert.equal(calls.length, 2);
  });

  test("withRetries · a bug in the attempt · rejects at once, unchanged", async () => {
    const { run, calls } = attempts(new TypeError("boom"));
    await assert.rejects(withRetries(run, 1_000, { maxRetries: 3, ...FAST }), TypeError);
    assert.equal(calls.length, 1);
  });

  test("withRetries · attempt that never settles · aborted by the deadline and reported as a timeout", async () => {
    const hang = (d: { signal: AbortSignal }) => new Promise<never>((_, reject) => d.signal.addEventListener("abort", () => reject(new Error("aborted"))));
    await assert.rejects(withRetries(hang, 30, { maxRetries: 1, ...FAST }), { reason: "upstream timeout" });
  });

  test("withRetries · caller aborts during the backoff · rejects with the caller's reason without another call", async () => {
    const { run, calls } = attempts(apiError(429, { "retry-after-ms": "500" }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("client went away")), 30);
    const started = Date.now();
    await assert.rejects(withRetries(run, 1_000, { maxRetries: 2, ...FAST }, controller.signal), /client went away/);
    assert.ok(Date.now() - started < 400, "did not sit out the retry-after");
    assert.equal(calls.length, 1);
  });
});
