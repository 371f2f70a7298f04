import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { pathToFileURL } from "node:url";
import { recoverDir, writeDirAtomic } from "./atomic-dir.js";

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "citebot-atomic-"));
  dir = path.join(root, "index");
  await writeDirAtomic(dir, (tmp) => writeFile(path.join(tmp, "data.txt"), "old"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const read = () => readFile(path.join(dir, "data.txt"), "utf8");

test("writeDirAtomic · replacing a folder · new content, old files gone, no siblings left", async () => {
  await writeFile(path.join(dir, "stale.txt"), "x");
  await writeDirAtomic(dir, (tmp) => writeFile(path.join(tmp, "data.txt"), "new"));
  assert.equal(await read(), "new");
  assert.deepEqual(await readdir(dir), ["data.txt"]);
  assert.deepEqual(await readdir(root), ["index"]);
});

test("writeDirAtomic · writer throws after writing part · old folder intact, temp removed, error passed on", async () => {
  await assert.rejects(
    writeDirAtomic(dir, async (tmp) => {
      await writeFile(path.join(tmp, "data.txt"), "half");
      throw new Error("disk full");
    }),
    /disk full/,
  );
  assert.equal(await read(), "old");
  assert.deepEqual(await readdir(root), ["index"]);
});

test("writeDirAtomic · process dies mid-write · old folder intact; the next write removes the leftover", async () => {
  const moduleUrl = pathToFileURL(path.join(import.meta.dirname, "atomic-dir.ts")).href;
  const script = `
    import { writeFile } from "node:fs/promises";
    import path from "node:path";
    const { writeDirAtomic } = await import(${JSON.stringify(moduleUrl)});
    await writeDirAtomic(${JSON.stringify(dir)}, async (tmp) => {
      await writeFile(path.join(tmp, "data.txt"), "half");
      process.exit(9);
    });`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(child.status, 9, child.stderr);
  assert.equal(await read(), "old");
  assert.equal((await readdir(root)).filter((n) => n.includes(".tmp-")).length, 1);
  await writeDirAtomic(dir, (tmp) => writeFile(path.join(tmp, "data.txt"), "new"));
  assert.equal(await read(), "new");
  assert.deepEqual(await readdir(root), ["index"]);
});

test("recoverDir · crash between the two renames · restores the previous folder", async () => {
  const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
  const backup = path.join(root, `.index.old-${deadPid}-0badc0de`);
  await mkdir(backup);
  await writeFile(path.join(backup, "data.txt"), "previous");
  await rm(dir, { recursive: true });
  await recoverDir(dir);
  assert.equal(await read(), "previous");
  assert.deepEqual(await readdir(root), ["index"]);
});

test("recoverDir · leftover of a live writer · left alone", async () => {
  const live = path.join(root, `.index.tmp-${process.ppid}-0badc0de`);
  await mkdir(live);
  await recoverDir(dir);
  assert.deepEqual((await readdir(root)).sort(), [".index.tmp-" + process.ppid + "-0badc0de", "index"]);
});

test("recoverDir · parent folder missing · does nothing", async () => {
  await recoverDir(path.join(root, "no", "such", "index"));
});
