import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { response } from "../response.fixture.js";
import { HttpRunner } from "./http-runner.js";

let server: Server;
let base = "";
const bodies: unknown[] = [];

before(async () => {
  server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(data) as { question: string };
      bodies.push({ method: req.method, url: req.url, type: req.headers["content-type"], body });
      if (body.question === "boom") {
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
  assert.deepEqual(bodies.at(-1), { method: "POST", url: "/api/ask", type: "application/json", body: { question: "q", topK: 4, history: [{ role: "user", content: "hi" }] } });
});

test("HttpRunner · 500 with a JSON error · throws with status and code", async () => {
  await assert.rejects(new HttpRunner(base).ask({ question: "boom" }), /status 500 INTERNAL Internal error/);
});

test("HttpRunner · non-JSON error page · throws saying so", async () => {
  await assert.rejects(new HttpRunner(base).ask({ question: "html" }), /status 502, body is not JSON/);
});
