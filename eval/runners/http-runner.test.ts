import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { response } from "../response.fixture.js";
import { HttpRunner, retryAfterMs } from "./http-runner.js";

let server: Server;
let base = "";
const bodies: unknown[] = [];
const tries = new Map<string, number>();

before(async () => {
  server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(data) as { question: string };
      bodies.push({ method: req.method, url: req.url, type: req.headers["content-type"], body });
      const limited = body.question.startsWith("limited") ? (tries.get(body.question) ?? 0) : -1;
      if (limited >= 0) tries.set(body.question, limited + 1);
      if (limited >= 0 && (body.question === "limited-always" || limited === 0)) {
        res
          .writeHead(429, { "content-type": "application/json", "retry-after": "0" })
          .end(JSON.stringify({ error: { code: "RATE_LIMITED", message: "Too many requests" } }));
      } else if (body.question === "boom") {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "INTERNAL", message: "Internal error" } }));
      } else if (body.question === "html") {
        res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(response()));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("HttpRunner · 200 from /api/ask · posts JSON and returns the response with its shown passages", async () => {
  const runner = new HttpRunner(`${base}/ignored/path`);
  const obs = await runner.ask({ question: "q", topK: 4, history: [{ role: "user", content: "hi" }] });
  assert.deepEqual(obs.response, response());
  assert.equal(obs.retrieved.length, 1);
  assert.deepEqual(bodies.at(-1), {
    method: "POST",
    url: "/api/ask",
    type: "application/json",
    body: { question: "q", topK: 4, history: [{ role: "user", content: "hi" }] },
  });
});

test("HttpRunner · 500 with a JSON error · throws with status and code", async () => {
  await assert.rejects(new HttpRunner(base).ask({ question: "boom" }), /status 500 INTERNAL Internal error/);
});

test("HttpRunner · non-JSON error page · throws saying so", async () => {
  await assert.rejects(new HttpRunner(base).ask({ question: "html" }), /status 502, body is not JSON/);
});

test("HttpRunner · 429 then 200 · retried after Retry-After, answer returned", async () => {
  const obs = await new HttpRunner(base).ask({ question: "limited-once" });
  assert.deepEqual(obs.response, response());
  assert.equal(tries.get("limited-once"), 2);
});

test("HttpRunner · 429 every time · gives up after the retries and throws with the status", async () => {
  await assert.rejects(new HttpRunner(base).ask({ question: "limited-always" }), /status 429 RATE_LIMITED/);
  assert.equal(tries.get("limited-always"), 4);
});

test("retryAfterMs · seconds, HTTP date, missing and huge values", () => {
  assert.equal(retryAfterMs("2"), 2000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 7_000), 3000);
  assert.equal(retryAfterMs(null), 1000);
  assert.equal(retryAfterMs("86400"), 60_000);
});
