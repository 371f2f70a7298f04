import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Corpus } from "./corpus.js";
import { loadCorpus } from "./corpus.js";
import { ensureCorpus, manifestDifferences, manifestOf } from "./fetch.js";

let dir = "";
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "corpus-"));
  await mkdir(path.join(dir, "docs/sub"), { recursive: true });
  await writeFile(path.join(dir, "docs/a.html"), "<p>alpha</p>");
  await writeFile(path.join(dir, "docs/sub/b.txt"), "beta");
});
after(() => rm(dir, { recursive: true, force: true }));

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

test("manifestOf · a folder · sha256sum lines sorted by path, forward slashes", async () => {
  assert.equal(await manifestOf(path.join(dir, "docs")), `${sha("<p>alpha</p>")}  a.html\n${sha("beta")}  sub/b.txt\n`);
});

test("manifestDifferences · a changed and a missing file · both lines named", () => {
  const expected = "aa  a.html\nbb  b.txt\n";
  assert.deepEqual(manifestDifferences(expected, "aa  a.html\nbb  b.txt\n"), []);
  assert.deepEqual(manifestDifferences(expected, "cc  a.html\n"), ["aa  a.html", "bb  b.txt", "cc  a.html"]);
});

test("ensureCorpus · documents that match the manifest · present, nothing fetched; a folder corpus that is missing · NOT_FOUND", async () => {
  const real = await loadCorpus("r-manuals");
  const corpus: Corpus = { ...real, docsDir: path.join(dir, "docs"), manifest: path.join(dir, "MANIFEST.sha256") };
  await writeFile(corpus.manifest, await manifestOf(corpus.docsDir));
  assert.equal(await ensureCorpus(corpus), "present");
  const folder: Corpus = { ...real, source: { dir: "nowhere" }, docsDir: path.join(dir, "nowhere") };
  await assert.rejects(ensureCorpus(folder), { code: "NOT_FOUND" });
});

test("committed manifests · every package corpus has one, each line a sha256 and a relative path", async () => {
  for (const name of ["python-docs", "r-manuals", "debian-handbook"]) {
    const lines = (await readFile((await loadCorpus(name)).manifest, "utf8")).trim().split("\n");
    assert.ok(lines.length > 5, name);
    for (const line of lines) assert.match(line, /^[0-9a-f]{64} {2}[^/].*[^/]$/u, `${name}: ${line}`);
  }
});
