import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { FakeEmbedder } from "./embed/fake.js";
import { WinkEmbedder } from "./embed/wink.js";
import { SMALL_VOCABULARY, writeWinkPackage } from "./embed/wink.fixture.js";
import { DEFAULT_ANALYZER, openChunkStore, readManifest, runIngest, type IngestOptions } from "./index.js";
import { TEXT_PIPELINE_VERSION } from "./prepare.js";

/** A FakeEmbedder that records every text it was asked to embed, call by call. */
class CountingEmbedder extends FakeEmbedder {
  readonly calls: string[][] = [];
  constructor(
    private readonly failOn?: string,
    dim = 16,
  ) {
    super({ dim });
  }
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.calls.push(texts);
    if (this.failOn && texts.some((t) => t.includes(this.failOn!))) throw new Error("upstream 503");
    return super.embedDocuments(texts);
  }
  get texts(): string[] {
    return this.calls.flat();
  }
}

const paragraph = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `Sentence ${i} about ${topic} explains one more detail of the ${topic} story.`).join(" ");

const DOCS: Record<string, string> = {
  "alpha.md": `# Alpha glaciers\n\n${paragraph("glacier", 30)}`,
  "nested/beta.txt": `Beta railways\n\n${paragraph("railway", 30)}`,
  "gamma.html": `<html><head><title>Gamma bees</title><script>var x = 1;</script></head><body><p>${paragraph("honeybee", 20)}</p></body></html>`,
};

let root: string;
let docsDir: string;
let indexDir: string;
let opts: IngestOptions;
const writeDocs = async (docs: Record<string, string | Uint8Array>) => {
  for (const [name, content] of Object.entries(docs)) {
    await mkdir(path.dirname(path.join(docsDir, name)), { recursive: true });
    await writeFile(path.join(docsDir, name), content);
  }
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "citebot-ingest-"));
  docsDir = path.join(root, "docs");
  indexDir = path.join(root, "index");
  opts = { docsDir, indexDir, chunkSize: 400, chunkOverlap: 80 };
  await writeDocs(DOCS);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("runIngest", () => {
  test("runIngest · fresh folder · indexes every file, records hashes, writes the index", async () => {
    const embedder = new CountingEmbedder();
    const summary = await runIngest(opts, { embedder });
    assert.deepEqual(summary.files.indexed.sort(), ["alpha.md", "gamma.html", "nested/beta.txt"]);
    assert.equal(summary.fullBuild, "no index yet");
    assert.ok(summary.written && summary.chunks.total > 6 && summary.chunks.embedded === summary.chunks.total);
    assert.equal(embedder.texts.length, summary.chunks.total);
    const manifest = await readManifest(indexDir);
    assert.deepEqual(Object.keys(manifest.files).sort(), ["alpha.md", "gamma.html", "nested/beta.txt"]);
    assert.deepEqual(manifest.chunking, { chunkSize: 400, chunkOverlap: 80, text: TEXT_PIPELINE_VERSION });
    const store = await openChunkStore(indexDir, embedder);
    assert.equal((await store.lexical("honeybee", 1))[0]?.chunk.source, "gamma.html");
    assert.ok(!store.chunks().some((c) => c.text.includes("var x")), "script text must not be indexed");
  });

  test("runIngest · files prepared in worker threads · same chunks and vectors as prepared inline", async () => {
    const inline = await runIngest({ ...opts, workers: 0 }, { embedder: new CountingEmbedder() });
    const inlineChunks = (await openChunkStore(indexDir, new FakeEmbedder())).chunks();
    const pooled = await runIngest({ ...opts, rebuild: true, workers: 2 }, { embedder: new CountingEmbedder() });
    assert.deepEqual(pooled.files, inline.files);
    assert.deepEqual((await openChunkStore(indexDir, new FakeEmbedder())).chunks(), inlineChunks);
  });

  test("runIngest · local word vectors, files prepared in worker threads · the workers embed, the same vectors as the main thread's", async () => {
    const words = Object.keys(SMALL_VOCABULARY).join(" ");
    await writeDocs({ "vocabulary.txt": `Words\n\n${Array.from({ length: 40 }, (_, i) => `${words} ${i}.`).join(" ")}` });
    const wink = await writeWinkPackage(SMALL_VOCABULARY, { dir: path.join(root, "wink") });
    const embedder = await WinkEmbedder.open({ cacheDir: wink.cacheDir, packageJson: wink.packageJson });
    const embedded: string[] = [];
    const embedOnMain = embedder.embedDocuments.bind(embedder);
    embedder.embedDocuments = (texts) => (embedded.push(...texts), embedOnMain(texts));
    const vectorsOf = async () => {
      const store = await openChunkStore(indexDir, embedder);
      return store.chunks().map((c) => [c.id, Array.from(store.vector!(c.id)!)]);
    };
    const inline = await runIngest({ ...opts, workers: 0 }, { embedder });
    const inlineVectors = await vectorsOf();
    assert.equal(embedded.length, inline.chunks.total);
    embedded.length = 0;
    await runIngest({ ...opts, rebuild: true, workers: 2 }, { embedder });
    assert.deepEqual(embedded, [], "nothing is left for the main thread to embed");
    assert.deepEqual(await vectorsOf(), inlineVectors);
    assert.ok(
      inlineVectors.some(([, v]) => (v as number[]).some((x) => x !== 0)),
      "the vocabulary file has non-zero vectors",
    );
  });

  test("runIngest · one file changed, one deleted · re-embeds only the changed file and drops the deleted one", async () => {
    await runIngest(opts, { embedder: new CountingEmbedder() });
    await writeDocs({ "nested/beta.txt": `Beta railways\n\n${paragraph("tramway", 12)}` });
    await unlink(path.join(docsDir, "gamma.html"));
    const embedder = new CountingEmbedder();
    const summary = await runIngest(opts, { embedder });
    assert.equal(summary.fullBuild, null);
    assert.deepEqual(summary.files.indexed, ["nested/beta.txt"]);
    assert.deepEqual(summary.files.unchanged, ["alpha.md"]);
    assert.deepEqual(summary.files.removed, ["gamma.html"]);
    assert.ok(embedder.texts.length > 0 && embedder.texts.every((t) => t.includes("tramway")), "only beta's new chunks are embedded");
    const store = await openChunkStore(indexDir, embedder);
    assert.deepEqual(new Set(store.chunks().map((c) => c.source)), new Set(["alpha.md", "nested/beta.txt"]));
    assert.deepEqual(await store.lexical("railway honeybee", 5).then((h) => h.map((x) => x.chunk.source)), []);
    assert.equal((await store.lexical("tramway", 1))[0]?.chunk.source, "nested/beta.txt");
    assert.equal(store.chunks().length, summary.chunks.total);
  });

  test("runIngest · nothing changed · embeds nothing and leaves the index untouched", async () => {
    await runIngest(opts, { embedder: new CountingEmbedder() });
    const before = await readManifest(indexDir);
    const embedder = new CountingEmbedder();
    const summary = await runIngest(opts, { embedder });
    assert.equal(embedder.calls.length, 0);
    assert.equal(summary.written, false);
    assert.equal(summary.files.unchanged.length, 3);
    assert.deepEqual(await readManifest(indexDir), before);
  });

  test("runIngest · --rebuild, new chunk settings or another embedder · re-embeds every file and says why", async () => {
    await runIngest(opts, { embedder: new CountingEmbedder() });
    const cases: [Partial<IngestOptions>, CountingEmbedder, RegExp][] = [
      [{ rebuild: true }, new CountingEmbedder(), /--rebuild/],
      [{ chunkSize: 300 }, new CountingEmbedder(), /chunk settings changed: 400\/80 → 300\/80/],
      [{ chunkSize: 300 }, new CountingEmbedder(undefined, 32), /embedder changed: .*dim 16.*dim 32/],
    ];
    for (const [change, embedder, why] of cases) {
      const summary = await runIngest({ ...opts, ...change }, { embedder });
      assert.match(summary.fullBuild ?? "", why);
      assert.equal(summary.files.indexed.length, 3);
      assert.equal(embedder.texts.length, summary.chunks.total);
    }
    assert.equal((await readManifest(indexDir)).embedder.dim, 32);
  });

  test("runIngest · BM25 written with an older analyzer · rewritten without re-embedding although no file changed", async () => {
    await runIngest(opts, { embedder: new CountingEmbedder() });
    const bm25File = path.join(indexDir, "bm25.json");
    const older = (await readFile(bm25File, "utf8")).replace(`"analyzer":"${DEFAULT_ANALYZER.id}"`, `"analyzer":"content-terms-v1"`);
    await writeFile(bm25File, older);
    const manifestFile = path.join(indexDir, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    manifest.checksums["bm25.json"] = `sha256:${createHash("sha256").update(older).digest("hex")}`;
    await writeFile(manifestFile, JSON.stringify(manifest));
    const embedder = new CountingEmbedder();
    const summary = await runIngest(opts, { embedder });
    assert.equal(embedder.calls.length, 0);
    assert.equal(summary.written, true);
    assert.match(await readFile(bm25File, "utf8"), new RegExp(`"analyzer":"${DEFAULT_ANALYZER.id}"`, "u"));
  });

  test("runIngest · index built by an older cleaning/chunking version · rebuilt although no file changed", async () => {
    await runIngest(opts, { embedder: new CountingEmbedder() });
    const manifestFile = path.join(indexDir, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    delete manifest.chunking.text;
    await writeFile(manifestFile, JSON.stringify(manifest));
    const embedder = new CountingEmbedder();
    const summary = await runIngest(opts, { embedder });
    assert.equal(summary.fullBuild, `text pipeline changed: unversioned → ${TEXT_PIPELINE_VERSION}`);
    assert.equal(summary.files.indexed.length, 3);
    assert.equal((await readManifest(indexDir)).chunking?.text, TEXT_PIPELINE_VERSION);
  });

  test("runIngest · corrupt PDF, empty file, unsupported type · skipped with reasons, the rest indexed", async () => {
    await writeDocs({ "broken.pdf": "%PDF-1.4\nthis is not really a pdf", "empty.txt": "", "notes.docx": "PK\u0003\u0004", "slides.pptx": "PK\u0003\u0004" });
    const summary = await runIngest(opts, { embedder: new CountingEmbedder() });
    const reasons = Object.fromEntries(summary.files.skipped.map((s) => [s.source, s.reason]));
    assert.deepEqual(reasons, { "broken.pdf": "corrupt pdf", "empty.txt": "empty", "notes.docx": "unreadable", "slides.pptx": "unsupported type" });
    assert.equal(summary.files.indexed.length, 3);
    assert.ok(
      summary.files.skipped.every((s) => s.message.startsWith(`${s.source}: `)),
      "messages start with the file",
    );
  });

  test("runIngest · random bytes named .txt, a link to the folder above · skipped as binary and outside docs folder, never answered from", async () => {
    const noise = new Uint8Array(4000).map((_, i) => 1 + (((i * 2654435761) >>> 13) % 255)); // no NUL byte
    await writeDocs({ "noise.txt": noise });
    await writeFile(path.join(root, "secret.txt"), "Secret launch codes are kept outside the docs folder.");
    await symlink("..", path.join(docsDir, "up"));
    const summary = await runIngest(opts, { embedder: new CountingEmbedder() });
    const reasons = Object.fromEntries(summary.files.skipped.map((s) => [s.source, s.reason]));
    assert.deepEqual(reasons, { "noise.txt": "binary", up: "outside docs folder" });
    const store = await openChunkStore(indexDir, new CountingEmbedder());
    assert.deepEqual([...new Set(store.chunks().map((c) => c.source))].sort(), ["alpha.md", "gamma.html", "nested/beta.txt"]);
    const followed = await runIngest({ ...opts, followExternalLinks: true }, { embedder: new CountingEmbedder() });
    assert.ok(followed.files.indexed.includes("up/secret.txt"), followed.files.indexed.join(", "));
  });

  test("runIngest · a sidecar NAME.meta.json · its url, title and other keys reach every chunk; editing it re-indexes the file", async () => {
    const sidecar = path.join(docsDir, "alpha.md.meta.json");
    await writeFile(sidecar, JSON.stringify({ url: "https://example.org/alpha", title: "Alpha Glacier Survey", tags: ["ice"], owner: "geo" }));
    const first = await runIngest(opts, { embedder: new CountingEmbedder() });
    assert.ok(!first.files.skipped.some((s) => s.source.endsWith(".meta.json")), "the sidecar is not a document");
    const chunksOf = async () => (await openChunkStore(indexDir, new CountingEmbedder())).chunks().filter((c) => c.source === "alpha.md");
    const chunks = await chunksOf();
    assert.ok(chunks.length > 0 && chunks.every((c) => c.url === "https://example.org/alpha" && c.title === "Alpha Glacier Survey"));
    assert.deepEqual(chunks[0]?.metadata, { tags: ["ice"], owner: "geo" });
    await writeFile(sidecar, JSON.stringify({ url: "https://example.org/alpha-v2" }));
    const second = await runIngest(opts, { embedder: new CountingEmbedder() });
    assert.deepEqual(second.files.indexed, ["alpha.md"]);
    assert.ok((await chunksOf()).every((c) => c.url === "https://example.org/alpha-v2"));
  });

  test("runIngest · embedding fails for one file · that file skipped as embedding failed, others indexed", async () => {
    await writeDocs({ "poison.txt": "Poison\n\nThis text contains POISON and cannot be embedded." });
    const summary = await runIngest({ ...opts, batchSize: 1 }, { embedder: new CountingEmbedder("POISON") });
    assert.deepEqual(
      summary.files.skipped.map((s) => [s.source, s.reason, s.message]),
      [["poison.txt", "embedding failed", "poison.txt: embedding failed: upstream 503"]],
    );
    assert.equal(summary.files.indexed.length, 3);
    assert.ok(!(await openChunkStore(indexDir, new FakeEmbedder())).chunks().some((c) => c.source === "poison.txt"));
  });

  test("runIngest · nothing indexable · throws with the reasons and keeps the previous index", async () => {
    await runIngest(opts, { embedder: new CountingEmbedder() });
    const before = await readManifest(indexDir);
    await rm(docsDir, { recursive: true });
    await writeDocs({ "empty.md": "", "scan.pdf": "%PDF-1.7 garbage" });
    await assert.rejects(runIngest(opts, { embedder: new CountingEmbedder() }), {
      code: "UNSUPPORTED_FILE",
      message: /Nothing could be indexed .* 2 file\(s\) skipped \(/,
    });
    assert.deepEqual(await readManifest(indexDir), before);
    await rm(docsDir, { recursive: true });
    await mkdir(docsDir);
    await assert.rejects(runIngest(opts, { embedder: new CountingEmbedder() }), { code: "NOT_FOUND", message: /No documents/ });
    await assert.rejects(runIngest({ ...opts, docsDir: path.join(root, "nope") }, { embedder: new CountingEmbedder() }), {
      code: "NOT_FOUND",
    });
  });

  test("runIngest · process killed while writing the new index · the old index still opens with the old text", async () => {
    await runIngest(opts, { embedder: new CountingEmbedder() });
    await writeDocs({ "nested/beta.txt": `Beta railways\n\n${paragraph("tramway", 12)}` });
    // The child dies by SIGKILL right after the HNSW graph lands in the temp folder, mid-write.
    const url = (f: string) => JSON.stringify(pathToFileURL(path.join(import.meta.dirname, f)).href);
    const script = `
      const { HnswIndex } = await import(${url("store/hnsw-index.ts")});
      const { runIngest, FakeEmbedder } = await import(${url("index.ts")});
      const write = HnswIndex.prototype.write;
      HnswIndex.prototype.write = async function (file) { await write.call(this, file); process.kill(process.pid, "SIGKILL"); };
      await runIngest(${JSON.stringify(opts)}, { embedder: new FakeEmbedder() });`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(child.signal, "SIGKILL", child.stderr);
    assert.ok(
      (await readdir(root)).some((n) => n.startsWith(".index.tmp-")),
      "the crash left a partial temp folder",
    );
    const store = await openChunkStore(indexDir, new FakeEmbedder());
    assert.equal((await store.lexical("railway", 1))[0]?.chunk.source, "nested/beta.txt");
    assert.deepEqual(await store.lexical("tramway", 1), []);
    const summary = await runIngest(opts, { embedder: new CountingEmbedder() });
    assert.deepEqual(summary.files.indexed, ["nested/beta.txt"]);
    assert.deepEqual((await readdir(root)).sort(), ["docs", "index"]);
  });
});

describe("runIngest · sample corpus", () => {
  const corpus = path.resolve(import.meta.dirname, "../../shared/corpus");
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-corpus-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("runIngest · ../shared/corpus with the fake embedder · all 5 files indexed and searchable", async () => {
    const embedder = new FakeEmbedder({ dim: 32 });
    const summary = await runIngest({ docsDir: corpus, indexDir: dir, chunkSize: 1000, chunkOverlap: 200 }, { embedder });
    assert.equal(summary.files.indexed.length, 5);
    assert.deepEqual(summary.files.skipped, []);
    const store = await openChunkStore(dir, embedder);
    assert.equal(new Set(store.chunks().map((c) => c.source)).size, 5);
    assert.ok(store.chunks().every((c) => c.title.length > 0 && c.text.length <= 1000));
    assert.equal((await store.lexical("Putin", 3)).length, 3);
  });
});
