import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { postJson } from "./testing/http.js";
import { readSse } from "./testing/read-sse.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { startTestServer, type TestServer } from "./testing/start.js";

const LIMITS = { HEADERS_TIMEOUT_MS: "1000", REQUEST_TIMEOUT_MS: "1500", KEEP_ALIVE_TIMEOUT_MS: "300", MAX_CONNECTIONS: "4" };

/** A raw client socket that records what the server sends and when the server closes it. */
async function open(srv: TestServer): Promise<{ socket: Socket; received: () => string; closedAfterMs: Promise<number> }> {
  const socket = connect(Number(new URL(srv.url).port), "127.0.0.1");
  socket.on("error", () => undefined); // a reset is one of the outcomes under test
  const opened = performance.now();
  // Not events.once: it would reject on the reset.
  const closedAfterMs = new Promise<number>((resolve) => socket.once("close", () => resolve(performance.now() - opened)));
  let data = "";
  socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
  await new Promise((resolve) => socket.once("connect", resolve).once("close", resolve));
  return { socket, received: () => data, closedAfterMs };
}

describe("slow and idle clients are contained", () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer(createStandInEngine({ tokenDelayMs: 250 }), LIMITS)));
  after(() => srv.close());

  test("headers never finished · 408 and closed after HEADERS_TIMEOUT_MS", async () => {
    const client = await open(srv);
    client.socket.write("POST /api/ask HTTP/1.1\r\nHost: x\r\n");
    const ms = await client.closedAfterMs;
    assert.match(client.received(), /^HTTP\/1\.1 408/);
    assert.ok(ms >= 900 && ms < 2_500, `closed after ${Math.round(ms)} ms`);
  });

  test("body trickling in · 408 and closed after REQUEST_TIMEOUT_MS", async () => {
    const client = await open(srv);
    client.socket.write("POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    const trickle = setInterval(() => client.socket.writable && client.socket.write(" "), 200);
    const ms = await client.closedAfterMs;
    clearInterval(trickle);
    assert.match(client.received(), /^HTTP\/1\.1 408/);
    assert.ok(ms >= 1_400 && ms < 3_000, `closed after ${Math.round(ms)} ms`);
  });

  test("idle keep-alive socket · closed after KEEP_ALIVE_TIMEOUT_MS", async () => {
    const client = await open(srv);
    client.socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    const ms = await client.closedAfterMs;
    assert.match(client.received(), /^HTTP\/1\.1 200/);
    assert.ok(ms >= 250 && ms < 1_500, `closed after ${Math.round(ms)} ms`);
  });

  test("more sockets than MAX_CONNECTIONS · the extra one is closed unanswered, the held ones still work", async () => {
    const held = await Promise.all([1, 2, 3, 4].map(() => open(srv)));
    const extra = await open(srv);
    extra.socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    assert.ok((await extra.closedAfterMs) < 500);
    assert.equal(extra.received(), "");
    held[0]!.socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    await held[0]!.closedAfterMs;
    assert.match(held[0]!.received(), /^HTTP\/1\.1 200/);
    for (const h of held) h.socket.destroy();
  });

  test("chat stream longer than REQUEST_TIMEOUT_MS · not cut: the limit covers receiving the request only", async () => {
    await new Promise((r) => setTimeout(r, 100)); // let the previous test's sockets close on the server side
    const started = performance.now();
    const { frames } = await readSse(await postJson(`${srv.url}/api/chat`, { question: "How long did they speak?" }));
    assert.ok(performance.now() - started > 1_500, "the stream outlasted the request timeout");
    assert.equal(frames.at(-1)?.event, "done");
  });
});
