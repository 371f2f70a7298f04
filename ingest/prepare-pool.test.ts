import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { PreparePool } from "./prepare-pool.js";
import type { PrepareTask } from "./prepare.js";

describe("PreparePool", () => {
  let dir: string;
  const task = (source: string): PrepareTask => ({
    source,
    absPath: path.join(dir, source),
    chunking: { chunkSize: 1000, chunkOverlap: 200, text: "test" },
  });
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-pool-"));
    for (const name of ["a.txt", "b.txt", "c.txt", "d.txt", "crash.txt", "exit.txt"])
      await writeFile(path.join(dir, name), `The file ${name} has one sentence.`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("two workers, five files submitted at once · every file comes back ready, each result with its own file's text", async () => {
    const pool = new PreparePool(2);
    try {
      const names = ["a.txt", "b.txt", "c.txt", "d.txt", "crash.txt"];
      const results = await Promise.all(names.map((n) => pool.run(task(n))));
      assert.deepEqual(
        results.map((r) => [r.source, r.status]),
        names.map((n) => [n, "ready"]),
      );
      for (const r of results) if (r.status === "ready") assert.match(r.chunks[0]!.text, new RegExp(r.source.replace(".", "\\.")));
    } finally {
      await pool.close();
    }
  });

  test("a worker dies on one file with more queued behind it · that file is skipped with the reason, the rest go to its replacement", async () => {
    const pool = new PreparePool(1, "testing/crashing-prepare-worker");
    try {
      const results = await Promise.all(["a.txt", "crash.txt", "b.txt", "c.txt"].map((n) => pool.run(task(n))));
      assert.deepEqual(
        results.map((r) => [r.source, r.status]),
        [
          ["a.txt", "ready"],
          ["crash.txt", "skipped"],
          ["b.txt", "ready"],
          ["c.txt", "ready"],
        ],
      );
      const crashed = results[1]!;
      assert.ok(crashed.status === "skipped");
      assert.equal(crashed.reason, "unreadable");
      assert.match(crashed.message, /died on crash\.txt/u);
    } finally {
      await pool.close();
    }
  });

  test("a worker quits without an error · the file it was on is skipped with its exit code, the rest are prepared", async () => {
    const pool = new PreparePool(1, "testing/crashing-prepare-worker");
    try {
      const results = await Promise.all(["a.txt", "exit.txt", "b.txt"].map((n) => pool.run(task(n))));
      assert.deepEqual(
        results.map((r) => [r.source, r.status]),
        [
          ["a.txt", "ready"],
          ["exit.txt", "skipped"],
          ["b.txt", "ready"],
        ],
      );
      assert.ok(results[1]!.status === "skipped");
      assert.match(results[1]!.message, /exited with code 3/u);
    } finally {
      await pool.close();
    }
  });
});
