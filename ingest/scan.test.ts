import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { scanDocs } from "./scan.js";

describe("scanDocs", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-scan-"));
    await mkdir(path.join(dir, "b", "deep"), { recursive: true });
    await mkdir(path.join(dir, ".git"));
    await writeFile(path.join(dir, "b", "deep", "z.md"), "# Z\n");
    await writeFile(path.join(dir, "a.txt"), "hello");
    await writeFile(path.join(dir, ".DS_Store"), "x");
    await writeFile(path.join(dir, ".git", "HEAD"), "ref");
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("nested folders · every file once, sorted, hidden entries passed over", async () => {
    const files = await scanDocs(dir);
    assert.deepEqual(
      files.map((f) => [f.source, f.bytes]),
      [
        ["a.txt", 5],
        ["b/deep/z.md", 4],
      ],
    );
  });

  test("symlinks · a link to an ancestor, to a folder that is also there, to folders outside · each file once, by its path without links; outside links listed, not followed unless asked", async () => {
    const linked = await mkdtemp(path.join(tmpdir(), "citebot-scan-links-"));
    const outside = await mkdtemp(path.join(tmpdir(), "citebot-scan-outside-"));
    try {
      await mkdir(path.join(linked, "docs"));
      await writeFile(path.join(linked, "docs", "one.txt"), "one");
      await symlink(linked, path.join(linked, "docs", "loop"));
      await symlink(path.join(linked, "docs"), path.join(linked, "again"));
      await symlink(path.join(linked, "gone.txt"), path.join(linked, "broken.txt"));
      await writeFile(path.join(outside, "far.md"), "# Far\n");
      await symlink(outside, path.join(linked, "docs", "elsewhere"));
      await symlink("..", path.join(linked, "docs", "up"));
      const followed = await scanDocs(linked, { followExternalLinks: true });
      assert.ok(followed.some((f) => f.source === "docs/elsewhere/far.md" && f.bytes === 6 && !f.outside));
      await symlink(path.dirname(linked), path.join(linked, "parent"));
      const files = await scanDocs(linked);
      assert.deepEqual(
        files.map((f) => [f.source, f.bytes, f.outside ?? false]),
        [
          ["broken.txt", 0, false],
          ["docs/elsewhere", 0, true],
          ["docs/one.txt", 3, false],
          ["parent", 0, true],
        ],
      );
    } finally {
      await rm(linked, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });

  test("a missing folder or a file · NOT_FOUND naming the path", async () => {
    await assert.rejects(scanDocs(path.join(dir, "nope")), { code: "NOT_FOUND", message: /nope.*ENOENT/u });
    await assert.rejects(scanDocs(path.join(dir, "a.txt")), { code: "NOT_FOUND", message: /a\.txt is not a folder/u });
  });
});
