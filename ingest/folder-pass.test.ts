import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { FakeEmbedder } from "./embed/fake.js";
import { openChunkStore, runIngest, type IngestOptions } from "./index.js";

const TOPICS = ["glaciers", "railways", "honeybees", "volcanoes", "lighthouses", "orchards"];
// Site chrome in another language than English, so no phrase list could know it.
const page = (topic: string, i: number) => `<html><head><title>${topic}</title></head><body>
<ul class="menu"><li><a href="index.html">Inhalt</a></li><li><a href="prev.html">zurück |</a></li><li><a href="next.html">weiter |</a></li></ul>
<h1>All about ${topic}</h1>
<p>${topic} have been studied for a long time, and this page explains what is known about ${topic} today.</p>
<p>${i < 2 ? "A note that only two pages share, about the survey." : `Page ${i} has its own remark on ${topic}.`}</p>
<p>Zuletzt aktualisiert am ${i + 1}. März 2024 · Seite ${i + 1} von 6</p>
</body></html>`;

let root: string;
let opts: IngestOptions;
const chunks = async () => [...(await openChunkStore(opts.indexDir, new FakeEmbedder())).chunks()];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "citebot-folder-"));
  opts = { docsDir: path.join(root, "docs"), indexDir: path.join(root, "index"), chunkSize: 1000, chunkOverlap: 200 };
  await mkdir(path.join(opts.docsDir, "site"), { recursive: true });
  for (const [i, topic] of TOPICS.entries()) await writeFile(path.join(opts.docsDir, "site", `${topic}.html`), page(topic, i));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("boilerplate by frequency across a folder", () => {
  test("runIngest · a navigation list and a footer with changing numbers in every file · gone; what fewer than half share · kept", async () => {
    await runIngest(opts, { embedder: new FakeEmbedder() });
    const text = (await chunks()).map((c) => c.text).join("\n");
    for (const chrome of ["Inhalt", "zurück", "weiter", "Zuletzt aktualisiert"]) assert.ok(!text.includes(chrome), `${chrome} dropped`);
    assert.ok(text.includes("A note that only two pages share"), "a paragraph in 2 of 6 files stays");
    for (const topic of TOPICS) assert.ok(text.includes(`this page explains what is known about ${topic} today`));
  });

  test("runIngest · one file of the folder changes, then one goes · the whole folder is prepared again and stays clean", async () => {
    await runIngest(opts, { embedder: new FakeEmbedder() });
    await writeFile(path.join(opts.docsDir, "site", "glaciers.html"), page("glaciers", 5).replace("Page 5 has", "Now it has"));
    const second = await runIngest(opts, { embedder: new FakeEmbedder() });
    assert.equal(second.files.indexed.length, TOPICS.length);
    const text = (await chunks()).map((c) => c.text).join("\n");
    assert.ok(text.includes("Now it has its own remark on glaciers"));
    assert.ok(!text.includes("Inhalt") && !text.includes("Zuletzt aktualisiert"));
    await rm(path.join(opts.docsDir, "site", "orchards.html"));
    const third = await runIngest(opts, { embedder: new FakeEmbedder() });
    assert.deepEqual([third.files.removed, third.files.indexed.length], [["site/orchards.html"], TOPICS.length - 1]);
  });

  test("runIngest · a file of the folder fails again as it failed before · nothing is prepared again", async () => {
    await writeFile(path.join(opts.docsDir, "site", "broken.pdf"), "%PDF-1.4 not really");
    await runIngest(opts, { embedder: new FakeEmbedder() });
    const again = await runIngest(opts, { embedder: new FakeEmbedder() });
    assert.deepEqual([again.files.indexed, again.files.unchanged.length, again.written], [[], TOPICS.length, false]);
  });
});
