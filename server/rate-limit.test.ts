import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { expectError, postJson } from "./testing/http.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { startTestServer } from "./testing/start.js";

describe("rate limit", () => {
  test("ask · over RATE_LIMIT_PER_MINUTE · 429 RATE_LIMITED JSON, health not limited", async () => {
    const srv = await startTestServer(createStandInEngine(), { RATE_LIMIT_PER_MINUTE: "2" });
    try {
      for (let i = 0; i < 2; i++) assert.equal((await postJson(`${srv.url}/api/ask`, { question: "hi" })).status, 200);
      const limited = await postJson(`${srv.url}/api/chat`, { question: "hi" });
      assert.match(await expectError(limited, 429, "RATE_LIMITED"), /2 per minute/);
      assert.ok(limited.headers.get("ratelimit"), "standard RateLimit header");
      assert.equal((await fetch(`${srv.url}/api/health`)).status, 200);
    } finally {
      await srv.close();
    }
  });

  const fromClient = (url: string, ip: string) => postJson(`${url}/api/ask`, { question: "hi" }, { "X-Forwarded-For": ip });

  test("ask · TRUST_PROXY=1 · each forwarded client has its own budget", async () => {
    const srv = await startTestServer(createStandInEngine(), { RATE_LIMIT_PER_MINUTE: "1", TRUST_PROXY: "1" });
    try {
      assert.equal((await fromClient(srv.url, "203.0.113.1")).status, 200);
      await expectError(await fromClient(srv.url, "203.0.113.1"), 429, "RATE_LIMITED");
      assert.equal((await fromClient(srv.url, "203.0.113.2")).status, 200);
    } finally {
      await srv.close();
    }
  });

  test("ask · TRUST_PROXY unset · a forged X-Forwarded-For does not buy a new budget", async () => {
    const srv = await startTestServer(createStandInEngine(), { RATE_LIMIT_PER_MINUTE: "1" });
    try {
      assert.equal((await fromClient(srv.url, "203.0.113.1")).status, 200);
      await expectError(await fromClient(srv.url, "203.0.113.2"), 429, "RATE_LIMITED");
    } finally {
      await srv.close();
    }
  });
});
