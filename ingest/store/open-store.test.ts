import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const ROOT = path.resolve(import.meta.dirname, "../..");
const STORE_DIR = path.join(ROOT, "ingest", "store");

test("source tree · store classes · named only inside ingest/store (callers use ChunkReader / ChunkWriter)", () => {
  const offenders = sourceFiles(ROOT).filter((file) => !file.startsWith(STORE_DIR) && /\bHnswBm25Store\b|\bPgvectorStore\b/u.test(readFileSync(file, "utf8")));
  assert.deepEqual(
    offenders.map((f) => path.relative(ROOT, f)),
    [],
  );
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith(".") || name === "node_modules") return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}
