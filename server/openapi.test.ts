import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { serveCorpus } from "./testing/corpus-server.js";
import { postJson } from "./testing/http.js";
import { openApiChecker } from "./testing/openapi-checker.js";

describe("GET /api/openapi.json (real engine)", () => {
  const srv = serveCorpus();

  test("openapi · real responses of ask, health, documents and errors · each validates against the document", async () => {
    const { doc, check } = await openApiChecker(srv.url);
    assert.equal(doc.openapi, "3.1.0");
    assert.equal(doc.paths["/api/documents"]?.post, undefined, "no documents API without ADMIN_API_KEY");

    const answered = await postJson(`${srv.url}/api/ask`, { question: "Which borders did Hegseth say it was unrealistic for Ukraine to return to?" });
    check("/api/ask", "post", 200, await answered.json());
    const abstained = await postJson(`${srv.url}/api/ask`, { question: "What is the capital of Australia?", topK: 3 });
    check("/api/ask", "post", 200, await abstained.json());
    const bad = await postJson(`${srv.url}/api/ask`, { question: "" });
    check("/api/ask", "post", bad.status, await bad.json());
    check("/api/health", "get", 200, await (await fetch(`${srv.url}/api/health`)).json());
    check("/api/documents", "get", 200, await (await fetch(`${srv.url}/api/documents`)).json());
  });

  test("openapi · the request schema · is the one that validates requests (a field it forbids is refused)", async () => {
    const { doc } = await openApiChecker(srv.url);
    const ask = doc.components.schemas.AskRequest as { properties: Record<string, { maximum?: number; maxLength?: number }>; required: string[] };
    assert.deepEqual(ask.required, ["question"]);
    assert.equal(ask.properties.topK?.maximum, 20);
    assert.equal(ask.properties.question?.maxLength, 2000);
    const refused = await postJson(`${srv.url}/api/ask`, { question: "hi", topK: 21 });
    assert.equal(refused.status, 400);
  });
});
