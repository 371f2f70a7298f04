import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { FORMAT_VERSION, MANIFEST_FILE, readManifest, serializeManifest, type Manifest } from "./manifest.js";

const MANIFEST: Manifest = {
  formatVersion: FORMAT_VERSION,
  embedder: { id: "fake/hashed-bow-16", dim: 16 },
  chunking: { chunkSize: 1000, chunkOverlap: 200, text: "test" },
  files: { "a.md": { hash: "ab12", bytes: 2048, chunks: 3 } },
  counts: { files: 1, chunks: 3 },
  hnsw: { m: 16, efConstruction: 100, efSearch: 128 },
  bm25: { analyzer: "content-terms-v1", includeTitle: false, includeSection: true },
  builtAt: "2025-11-20T10:00:00.000Z",
};

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-manifest-"));
});
after(() => rm(dir, { recursive: true, force: true }));

const write = (text: string) => writeFile(path.join(dir, MANIFEST_FILE), text);

test("readManifest · what serializeManifest wrote · reads back equal", async () => {
  await write(serializeManifest(MANIFEST));
  assert.deepEqual(await readManifest(dir), MANIFEST);
});

test("readManifest · no manifest · INDEX_NOT_READY", async () => {
  await assert.rejects(readManifest(path.join(dir, "nothing")), { code: "INDEX_NOT_READY", message: /npm run ingest/ });
});

test("readManifest · not JSON · INDEX_MISMATCH telling to rebuild", async () => {
  await write("{ half");
  await assert.rejects(readManifest(dir), { code: "INDEX_MISMATCH", message: /unreadable.*--rebuild/ });
});

test("readManifest · another format version or a missing field · INDEX_MISMATCH naming the field", async () => {
  await write(JSON.stringify({ ...MANIFEST, formatVersion: FORMAT_VERSION + 1 }));
  await assert.rejects(readManifest(dir), { code: "INDEX_MISMATCH", message: /formatVersion/ });
  const { counts: _dropped, ...rest } = MANIFEST;
  await write(JSON.stringify(rest));
  await assert.rejects(readManifest(dir), { code: "INDEX_MISMATCH", message: /counts/ });
});

test("serializeManifest · invalid manifest · throws instead of writing it", () => {
  assert.throws(() => serializeManifest({ ...MANIFEST, builtAt: "yesterday" }));
});
