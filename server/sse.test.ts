import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import express from "express";
import { listen } from "./listen.js";
import { formatSseComment, formatSseEvent, openSse } from "./sse.js";

test("formatSseEvent · JSON data · one event line, one data line, blank line", () => {
  assert.equal(formatSseEvent("token", { text: "Hi" }), 'event: token\ndata: {"text":"Hi"}\n\n');
});

test("formatSseEvent · multi-line string · one data line per line, every line ending kind", () => {
  assert.equal(formatSseEvent("note", "a\nb\r\nc\rd"), "event: note\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
});

test("formatSseEvent · JSON with newlines inside strings · stays on one data line (JSON escapes them)", () => {
  assert.equal(formatSseEvent("token", { text: "a\nb" }), 'event: token\ndata: {"text":"a\\nb"}\n\n');
});

test("formatSseEvent · newline in the event name · rejected", () => {
  assert.throws(() => formatSseEvent("done\ndata: forged", {}), TypeError);
  assert.throws(() => formatSseEvent("x\r", {}), TypeError);
});

test("formatSseComment · text · colon-prefixed line parsers ignore", () => {
  assert.equal(formatSseComment("ping"), ": ping\n\n");
  assert.equal(formatSseComment("a\nb"), ": a\n: b\n\n");
});

test("openSse · client hangs up while the producer is still busy · heartbeat stops writing", async () => {
  let writesAfterClose = 0;
  let closed = false;
  const app = express().get("/events", (_req, res) => {
    const write = res.write.bind(res) as (chunk: string) => boolean;
    res.write = ((chunk: string) => {
      if (closed) writesAfterClose++;
      return write(chunk);
    }) as typeof res.write;
    res.on("close", () => (closed = true));
    openSse(res, 5); // never stopped by the route: it stands for a producer that ignores the abort
  });
  const { url, close } = await listen(app, "127.0.0.1", 0);
  try {
    const abort = new AbortController();
    const response = await fetch(`${url}/events`, { signal: abort.signal });
    await response.body?.getReader().read(); // the first ping arrived: the stream is live
    abort.abort();
    await sleep(60);
    assert.ok(closed, "the server saw the hang-up");
    assert.equal(writesAfterClose, 0);
  } finally {
    await close();
  }
});
