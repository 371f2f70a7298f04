import assert from "node:assert/strict";
import { request } from "node:http";
import { describe, test } from "node:test";
import { expectError, postJson } from "./testing/http.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { startTestServer } from "./testing/start.js";

describe("CORS", () => {
  test("api · CORS_ORIGINS empty · any origin allowed", async () => {
    const srv = await startTestServer(createStandInEngine());
    try {
      const res = await fetch(`${srv.url}/api/health`, { headers: { Origin: "https://anywhere.example" } });
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
    } finally {
      await srv.close();
    }
  });

  test("api · CORS_ORIGINS set · listed and own origin allowed, others refused with 403", async () => {
    const srv = await startTestServer(createStandInEngine(), { CORS_ORIGINS: "https://shop.example, https://Blog.Example/" });
    try {
      const preflight = (origin: string) =>
        fetch(`${srv.url}/api/chat`, {
          method: "OPTIONS",
          headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
        });
      const ok = await preflight("https://blog.example");
      assert.equal(ok.status, 204);
      assert.equal(ok.headers.get("access-control-allow-origin"), "https://blog.example");
      assert.match(ok.headers.get("access-control-allow-headers") ?? "", /Content-Type/i);

      const allowed = await postJson(`${srv.url}/api/ask`, { question: "hi" }, { Origin: "https://shop.example" });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get("access-control-allow-origin"), "https://shop.example");

      assert.match(await expectError(await preflight("https://evil.example"), 403, "FORBIDDEN"), /evil\.example/);
      const refused = await postJson(`${srv.url}/api/ask`, { question: "hi" }, { Origin: "https://evil.example" });
      assert.match(await expectError(refused, 403, "FORBIDDEN"), /not allowed.*CORS_ORIGINS/);
      // Readable by the refused page (so the widget can tell why), but no method or header is granted.
      assert.equal(refused.headers.get("access-control-allow-origin"), "https://evil.example");
      assert.equal(refused.headers.get("access-control-allow-methods"), null);

      const own = await postJson(`${srv.url}/api/ask`, { question: "hi" }, { Origin: srv.url });
      assert.equal(own.status, 200, "the server's own pages (demo) still work");
    } finally {
      await srv.close();
    }
  });
});

/** node:http, since fetch will not send a Host header other than the URL's. */
function postWithHost(url: string, host: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/ask`, { method: "POST", headers: { Host: host, Origin: origin, "Content-Type": "application/json" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(JSON.stringify({ question: "hi" }));
  });
}

describe("CORS · DNS rebinding", () => {
  test("api · CORS_ORIGINS set, Origin and Host both a foreign name · 403, own names still 200", async () => {
    const srv = await startTestServer(createStandInEngine(), { CORS_ORIGINS: "https://shop.example" });
    try {
      const port = new URL(srv.url).port;
      assert.equal(await postWithHost(srv.url, `evil.example:${port}`, `http://evil.example:${port}`), 403);
      assert.equal(await postWithHost(srv.url, `localhost:${port}`, `http://localhost:${port}`), 200);
      assert.equal(await postWithHost(srv.url, `127.0.0.1:${port}`, `http://127.0.0.1:${port}`), 200);
    } finally {
      await srv.close();
    }
  });

  test("api · ALLOWED_HOSTS names the public host · that name is exempt, loopback no longer", async () => {
    const srv = await startTestServer(createStandInEngine(), { CORS_ORIGINS: "https://shop.example", ALLOWED_HOSTS: "Chat.Example.com" });
    try {
      const port = new URL(srv.url).port;
      assert.equal(await postWithHost(srv.url, `chat.example.com:${port}`, `http://chat.example.com:${port}`), 200);
      assert.equal(await postWithHost(srv.url, `localhost:${port}`, `http://localhost:${port}`), 403);
    } finally {
      await srv.close();
    }
  });
});
