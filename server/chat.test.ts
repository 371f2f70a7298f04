import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../core/errors.js";
import type { AskResponse, Citation } from "../core/types.js";
import { serveCorpus } from "./testing/corpus-server.js";
import { readSse } from "./testing/read-sse.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { startTestServer, type TestServer } from "./testing/start.js";

function chat(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

describe("POST /api/chat over the sample corpus (real engine)", () => {
  const srv = serveCorpus();

  test("chat · corpus question · citations before any token, done last; done equals /api/ask but for timings", async () => {
    const body = { question: "Which borders did Hegseth say it was unrealistic for Ukraine to return to?" };
    const { frames } = await readSse(await chat(srv.url, body));
    const names = frames.map((f) => f.event);
    assert.equal(names[0], "citations");
    assert.equal(names.at(-1), "done");
    assert.equal(names.filter((n) => n === "done").length, 1);
    assert.ok(names.slice(1, -1).every((n) => n === "token") && names.length > 2, names.join());
    const done = frames.at(-1)?.data as AskResponse;
    const text = frames
      .filter((f) => f.event === "token")
      .map((f) => (f.data as { text: string }).text)
      .join("");
    assert.equal(text.trim(), done.answer.trim(), "the tokens spell the final answer");
    const offered = new Set((frames[0]?.data as { citations: Citation[] }).citations.map((c) => c.chunkId));
    assert.ok(
      done.citations.every((c) => offered.has(c.chunkId)),
      "the answer cites only passages announced first",
    );

    const res = await fetch(`${srv.url}/api/ask`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const asked = (await res.json()) as AskResponse;
    assert.deepEqual({ ...done, timings: null }, { ...asked, timings: null });
    assert.deepEqual(Object.keys(done.timings).sort(), ["generateMs", "retrieveMs", "totalMs"]);
  });

  test("chat · follow-up with history · rewritten into a standalone query and answered from it", async () => {
    const history = [
      { role: "user", content: "Who is Pete Hegseth?" },
      { role: "assistant", content: "Pete Hegseth is the US Secretary of Defense; in Brussels he said Ukraine would not join NATO." },
    ];
    const { frames } = await readSse(await chat(srv.url, { question: "Where does he say America's priorities lie?", history }));
    const done = frames.at(-1)?.data as AskResponse;
    assert.equal(frames.at(-1)?.event, "done");
    assert.match(done.query, /Hegseth/, "the rewritten query carries the person from the history");
    assert.match(done.answer, /Indo-Pacific/);
  });
});

describe("POST /api/chat (stand-in engine)", () => {
  const answer = "They spoke for ninety minutes [1]. It was\nWednesday [1].";
  const engine = createStandInEngine({ answer });
  let srv: TestServer;
  before(async () => (srv = await startTestServer(engine)));
  after(() => srv.close());

  test("chat · question · event-stream of citations, tokens, done, nothing after", async () => {
    const res = await chat(srv.url, { question: "How long?" });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
    assert.match(res.headers.get("cache-control") ?? "", /no-cache/);
    const { frames } = await readSse(res);
    const names = frames.map((f) => f.event);
    assert.equal(names[0], "citations");
    assert.equal(names.at(-1), "done");
    assert.ok(names.slice(1, -1).every((n) => n === "token") && names.length > 3);
    const text = frames
      .filter((f) => f.event === "token")
      .map((f) => (f.data as { text: string }).text)
      .join("");
    assert.equal(text, answer, "tokens concatenate to the answer, newline included");
  });

  test("chat · same question as /api/ask · done carries the same response object", async () => {
    const body = { question: "How long?", topK: 3, history: [{ role: "user", content: "Hello" }] };
    const { frames } = await readSse(await chat(srv.url, body));
    const done = frames.at(-1)?.data as AskResponse;
    const ask = await fetch(`${srv.url}/api/ask`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    assert.deepEqual(done, await ask.json());
    assert.deepEqual(frames[0]?.data, { citations: done.citations });
    assert.deepEqual(engine.requests.at(-1), body, "history reaches the engine");
  });

  test("chat · invalid body · plain JSON 400, no stream", async () => {
    const res = await chat(srv.url, { question: "   " });
    assert.equal(res.status, 400);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "BAD_REQUEST");
  });
});

describe("POST /api/chat · streaming behaviour", () => {
  test("chat · client disconnects mid-answer · the engine's signal is aborted and generation stops", async () => {
    const answer = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    const engine = createStandInEngine({ answer, tokenDelayMs: 20 });
    const srv = await startTestServer(engine);
    try {
      const abort = new AbortController();
      const res = await chat(srv.url, { question: "long one" }, abort.signal);
      let tokens = 0;
      await readSse(res, (f) => f.event === "token" && ++tokens === 2);
      abort.abort();
      const signal = engine.signals.at(-1);
      assert.ok(signal, "the engine received a signal");
      for (let i = 0; i < 50 && !signal.aborted; i++) await sleep(10);
      assert.equal(signal.aborted, true, "the disconnect aborted the engine");
      assert.ok(engine.tokensYielded < 40, `generation stopped early (${engine.tokensYielded} of 40 tokens)`);
      assert.equal(srv.logs.filter((l) => l.level === 50).length, 0, "a disconnect is not logged as an error");
    } finally {
      await srv.close();
    }
  });

  test("chat · engine fails after some tokens · error event with a generic message, stream ends", async () => {
    const engine = createStandInEngine({ failAfterTokens: 2, failure: new Error("disk on fire at /x.ts") });
    const srv = await startTestServer(engine);
    try {
      const { frames } = await readSse(await chat(srv.url, { question: "q" }));
      assert.deepEqual(
        frames.map((f) => f.event),
        ["citations", "token", "token", "error"],
      );
      assert.deepEqual(frames.at(-1)?.data, { code: "INTERNAL", message: "Internal server error" });
      assert.ok(
        srv.logs.some((l) => l.msg === "unhandled error"),
        "the failure is logged",
      );
    } finally {
      await srv.close();
    }
  });

  test("chat · engine fails with an AppError before any event · error event with its code", async () => {
    const failure = new AppError("UPSTREAM_FAILED", "The model server is down");
    const srv = await startTestServer(createStandInEngine({ failAfterTokens: 0, failure }));
    try {
      const res = await chat(srv.url, { question: "q" });
      assert.equal(res.status, 200, "the stream was already open");
      const { frames } = await readSse(res);
      assert.deepEqual(frames, [{ event: "error", data: { code: "UPSTREAM_FAILED", message: "The model server is down" } }]);
    } finally {
      await srv.close();
    }
  });

  test("chat · slow answer · heartbeat comments keep the stream alive", async () => {
    const engine = createStandInEngine({ answer: "one two three", tokenDelayMs: 60 });
    const srv = await startTestServer(engine, {}, 25);
    try {
      const { frames, comments } = await readSse(await chat(srv.url, { question: "q" }));
      assert.ok(comments.filter((c) => c === "ping").length >= 3, `got ${comments.length} pings`);
      assert.equal(frames.at(-1)?.event, "done", "pings do not disturb the events");
    } finally {
      await srv.close();
    }
  });
});
