import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { isAppError } from "../../core/errors.js";
import { FakeEmbedder, openChunkStore, readManifest, runIngest } from "../index.js";

const CRASH_SCRIPT = path.resolve(import.meta.dirname, "..", "testing", "crash-during-save.ts");
const embedder = new FakeEmbedder({ dim: 32 });
const DOCS: Record<string, string> = {
  "a.md": "# Alpha\n\nThe alpha report counts forty-two lighthouses along the northern coast.\n",
  "b.md": "# Beta\n\nThe beta survey found that ferries carried nine thousand passengers a day.\n",
};
// In a folder of its own: a new file in a folder of three or more re-prepares that folder (its boilerplate may change).
const NEW_DOC = ["more/c.md", "# Gamma\n\nThe gamma study measured tides of three metres in the harbour.\n"] as const;

let dir: string;
let docsDir: string;
let indexDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "citebot-integrity-"));
  docsDir = path.join(dir, "docs");
  indexDir = path.join(dir, "index");
  await mkdir(docsDir);
  for (const [name, text] of Object.entries(DOCS)) await writeFile(path.join(docsDir, name), text);
  await ingest();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ingest = () => runIngest({ docsDir, indexDir, chunkSize: 1000, chunkOverlap: 200 }, { embedder });
const leftovers = async () => (await readdir(dir)).filter((name) => name.startsWith(".index."));

/** Runs an ingest of the docs (with NEW_DOC added) in a child process that SIGKILLs itself at `point`. */
async function crashAt(point: string): Promise<void> {
  await mkdir(path.join(docsDir, path.dirname(NEW_DOC[0])), { recursive: true });
  await writeFile(path.join(docsDir, NEW_DOC[0]), NEW_DOC[1]);
  const child = spawn(process.execPath, ["--import", "tsx", CRASH_SCRIPT, docsDir, indexDir, point], { stdio: ["ignore", "inherit", "inherit"] });
  const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
  assert.equal(signal, "SIGKILL", `the writer was killed at ${point} (exit code ${code})`);
}

describe("index swap · a writer killed at each point · the next open recovers without re-embedding", () => {
  const cases = [
    { point: "while-writing", left: [/^\.index\.tmp-/], files: ["a.md", "b.md"] },
    { point: "before-swap", left: [/^\.index\.tmp-/], files: ["a.md", "b.md"] },
    { point: "between-renames", left: [/^\.index\.old-/, /^\.index\.tmp-/], files: ["a.md", "b.md"] },
    { point: "before-cleanup", left: [/^\.index\.old-/], files: ["a.md", "b.md", "more/c.md"] },
  ];
  for (const { point, left, files } of cases) {
    test(`killed ${point} · ${files.length === 3 ? "new" : "previous"} index served, leftovers removed, next ingest incremental`, async () => {
      await crashAt(point);
      const found = await leftovers();
      assert.equal(found.length, left.length, found.join());
      for (const pattern of left)
        assert.ok(
          found.some((name) => pattern.test(name)),
          `${pattern} in ${found.join()}`,
        );
      if (point === "between-renames") await assert.rejects(stat(indexDir), "the crash left no live index");

      const manifest = await readManifest(indexDir);
      assert.deepEqual(Object.keys(manifest.files).sort(), files);
      assert.deepEqual(await leftovers(), []);
      const store = await openChunkStore(indexDir, embedder);
      assert.equal(store.size, files.length);

      const summary = await ingest();
      assert.equal(summary.fullBuild, null, "not a full rebuild");
      assert.deepEqual(summary.files.indexed, files.length === 3 ? [] : [NEW_DOC[0]]);
    });
  }
});

describe("index checksums", () => {
  test("manifest · after a save · a sha256 for every other file of the index", async () => {
    const { checksums } = await readManifest(indexDir);
    assert.deepEqual(Object.keys(checksums ?? {}).sort(), [
      "bm25.bin",
      "bm25.json",
      "chunks.idx",
      "chunks.jsonl",
      "chunks.keys.json",
      "hnsw.bin",
      "vectors.f32",
    ]);
    for (const value of Object.values(checksums ?? {})) assert.match(value, /^sha256:[0-9a-f]{64}$/);
  });

  for (const file of ["vectors.f32", "chunks.jsonl", "chunks.idx", "hnsw.bin"]) {
    test(`open · ${file} replaced by garbage of the same size · INDEX_MISMATCH naming the file`, async () => {
      const original = await readFile(path.join(indexDir, file));
      const garbage = Buffer.from(original.map((byte, i) => (i % 7 === 3 ? byte ^ 0x5a : byte)));
      await writeFile(path.join(indexDir, file), garbage);
      await assert.rejects(openChunkStore(indexDir, embedder), (err: unknown) => {
        assert.ok(isAppError(err) && err.code === "INDEX_MISMATCH", String(err));
        assert.match(err.message, new RegExp(`${file.replace(".", "\\.")} does not match its checksum.*npm run ingest -- --rebuild`));
        return true;
      });
    });
  }
});
