import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { FakeEmbedder } from "../../embed/fake.js";
import { runIngest } from "../../run-ingest.js";
import { startPgliteDatabase, type PgliteDatabase } from "../../testing/pglite-database.js";
import { CONTRACT_CHUNKS, CONTRACT_DIM, contractVectors, runChunkStoreContract } from "../chunk-store.contract.js";
import { openChunkStore } from "../open-store.js";
import { HnswBm25Store } from "../hnsw-bm25-store.js";
import { PgvectorStore, type PgTarget } from "./pgvector-store.js";
import { connectPostgres, type SqlClient } from "./sql-client.js";

const EMBEDDER = { id: "test/contract", dim: CONTRACT_DIM };

// One PGlite for the whole file: starting one costs seconds (WebAssembly compile and initdb).
let db: PgliteDatabase;
let wire: SqlClient;
before(async () => {
  db = await startPgliteDatabase();
  wire = connectPostgres(db.url);
});
after(async () => {
  await wire.close();
  await db.close();
});

const inProcess = (schema: string): PgTarget => ({ sql: db.sql, where: "pglite", schema });
const overWire = (schema: string): PgTarget => ({ sql: wire, where: "pglite-socket", schema });

runChunkStoreContract("PgvectorStore (PGlite in process)", {
  create: () => PgvectorStore.create(inProcess("contract_local"), EMBEDDER),
  open: () => PgvectorStore.open(inProcess("contract_local"), EMBEDDER),
  close: (store) => (store as PgvectorStore).close(),
});

runChunkStoreContract("PgvectorStore (pg driver over pglite-socket)", {
  create: () => PgvectorStore.create(overWire("contract_wire"), EMBEDDER),
  open: () => PgvectorStore.open(overWire("contract_wire"), EMBEDDER),
  close: (store) => (store as PgvectorStore).close(),
});

describe("PgvectorStore", () => {
  const vectors = contractVectors(CONTRACT_CHUNKS.length);
  const alps = CONTRACT_CHUNKS.filter((c) => c.source === "alps.md");

  /** A saved store of the contract chunks, with alps.md recorded, in `schema`. */
  async function savedStore(schema: string): Promise<void> {
    const store = await PgvectorStore.create(overWire(schema), EMBEDDER);
    await store.put([...CONTRACT_CHUNKS], vectors);
    await store.recordFile("alps.md", { hash: "a1", bytes: 120 });
    await store.save();
    await store.close();
  }

  test("lexical · the default (citebot) terms · the local store's BM25 hits and scores, technical names whole", async () => {
    const code = { ...CONTRACT_CHUNKS[0]!, id: "code.md#0", source: "code.md", text: "Pass max_workers to the executor; functools.lru_cache keeps results." };
    const chunks = [...CONTRACT_CHUNKS, code];
    const all = contractVectors(chunks.length);
    const pg = await PgvectorStore.create(overWire("citebot_terms"), EMBEDDER);
    const local = HnswBm25Store.create(EMBEDDER);
    for (const store of [pg, local]) await store.put(chunks, all);
    await pg.save();
    try {
      for (const query of ["max_workers", "lru_cache", "aletsch glacier", "vienna train"]) {
        const [a, b] = [await pg.lexical(query, 5), await local.lexical(query, 5)];
        assert.deepEqual(
          a.map((h) => h.chunk.id),
          b.map((h) => h.chunk.id),
          query,
        );
        // The local index keeps its length norms in single precision.
        a.forEach((h, i) => assert.ok(Math.abs(h.score - b[i]!.score) < 1e-6 * b[i]!.score, `${query}: ${h.score} ≠ ${b[i]!.score}`));
      }
      assert.equal((await pg.lexical("max_workers", 1))[0]?.chunk.id, "code.md#0");
    } finally {
      await pg.close();
      await local.close();
    }
  });

  test("open · built with dim 16, embedder of dim 32 · INDEX_MISMATCH naming both and --rebuild", async () => {
    await savedStore("mismatch");
    await assert.rejects(PgvectorStore.open(overWire("mismatch"), { id: "other/model", dim: 32 }), (err: Error & { code?: string }) => {
      assert.equal(err.code, "INDEX_MISMATCH");
      assert.match(err.message, /built with test\/contract \(dim 16\) but the configured embedder is other\/model \(dim 32\)/);
      assert.match(err.message, /npm run ingest -- --rebuild/);
      return true;
    });
    await assert.rejects(PgvectorStore.open(overWire("mismatch"), { id: "other/model", dim: 16 }), { code: "INDEX_MISMATCH" });
  });

  test("open · schema never ingested into · INDEX_NOT_READY", async () => {
    await assert.rejects(PgvectorStore.open(overWire("never_built"), EMBEDDER), { code: "INDEX_NOT_READY" });
  });

  test("a file's write failing inside its transaction · the database keeps the file's previous chunks and hash", async () => {
    await savedStore("crash_put");
    const writer = await PgvectorStore.open(overWire("crash_put"), EMBEDDER);
    await writer.removeSource("alps.md");
    // pgvector refuses NaN: the INSERT fails after the DELETE of the old chunks, inside the same transaction.
    await writer.put([{ ...alps[0]!, text: "A new version of the Aletsch page." }], [vectors[0]!.map(() => Number.NaN)]);
    await assert.rejects(writer.recordFile("alps.md", { hash: "a2", bytes: 99 }), /writing alps\.md failed/);
    await writer.close();
    const reopened = await PgvectorStore.open(overWire("crash_put"), EMBEDDER);
    assert.deepEqual(
      reopened.chunks().filter((c) => c.source === "alps.md"),
      alps,
    );
    assert.equal(reopened.fileRecord("alps.md")?.hash, "a1");
  });

  test("a writer that dies between removeSource and recordFile · nothing of the file changed in the database", async () => {
    await savedStore("crash_between");
    const writer = await PgvectorStore.open(overWire("crash_between"), EMBEDDER);
    await writer.removeSource("alps.md");
    await writer.put([{ ...alps[0]!, text: "Half-written new version." }], [vectors[0]!]);
    // The process ends here: no recordFile, no save, no close.
    const reader = await PgvectorStore.open(overWire("crash_between"), EMBEDDER);
    assert.deepEqual(reader.chunks(), CONTRACT_CHUNKS);
    assert.deepEqual((await reader.lexical("aletsch", 1))[0]?.chunk, alps[0]);
  });

  test("a rebuild · the old index serves until save swaps the new one in; an unsaved one is dropped at close", async () => {
    await savedStore("rebuild");
    const rebuild = await PgvectorStore.create(overWire("rebuild"), EMBEDDER);
    await rebuild.put([CONTRACT_CHUNKS[4]!], [vectors[4]!]);
    await rebuild.recordFile("rail.html", { hash: "r1", bytes: 50 });
    assert.equal((await PgvectorStore.open(overWire("rebuild"), EMBEDDER)).size, CONTRACT_CHUNKS.length);
    await rebuild.save();
    const after = await PgvectorStore.open(overWire("rebuild"), EMBEDDER);
    assert.deepEqual(after.chunks(), [CONTRACT_CHUNKS[4]]);
    assert.equal(after.fileRecord("alps.md"), undefined);
    assert.ok(after.builtAt);

    const abandoned = await PgvectorStore.create(overWire("rebuild"), EMBEDDER);
    await abandoned.put([CONTRACT_CHUNKS[0]!], [vectors[0]!]);
    await abandoned.close();
    const schemas = await wire.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'rebuild%'");
    assert.deepEqual(
      schemas.map((s) => s.name),
      ["rebuild"],
    );
  });
});

describe("runIngest into PostgreSQL (pg driver over pglite-socket)", () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), "citebot-pg-ingest-"));
    await mkdir(path.join(root, "docs"));
    const para = (topic: string) => Array.from({ length: 12 }, (_, i) => `Sentence ${i} tells one more detail about the ${topic}.`).join(" ");
    await writeFile(path.join(root, "docs", "glaciers.md"), `# Glaciers\n\n${para("glacier")}`);
    await writeFile(path.join(root, "docs", "railways.txt"), `Railways\n\n${para("railway")}`);
  });
  after(() => rm(root, { recursive: true, force: true }));

  test("second run · unchanged files are skipped, a changed one is re-embedded alone, a deleted one leaves", async () => {
    const database = { url: db.url, schema: "ingest" };
    const opts = { docsDir: path.join(root, "docs"), indexDir: path.join(root, "unused"), database, chunkSize: 400, chunkOverlap: 80 };
    const embedder = new CountingEmbedder();
    const first = await runIngest(opts, { embedder });
    assert.equal(first.fullBuild, "no index yet");
    assert.equal(first.files.indexed.length, 2);
    assert.match(first.indexDir, /schema ingest/);

    embedder.texts.length = 0;
    await writeFile(path.join(root, "docs", "railways.txt"), "Railways\n\nThe night train to Vienna leaves at nine.");
    const second = await runIngest(opts, { embedder });
    assert.equal(second.fullBuild, null);
    assert.deepEqual(second.files.indexed, ["railways.txt"]);
    assert.ok(embedder.texts.every((t) => !t.includes("glacier")));

    const reader = await openChunkStore({ kind: "postgres", ...database }, new FakeEmbedder());
    try {
      assert.deepEqual([...new Set(reader.chunks().map((c) => c.source))].sort(), ["glaciers.md", "railways.txt"]);
      assert.equal((await reader.lexical("vienna train", 1))[0]?.chunk.source, "railways.txt");
    } finally {
      await reader.close?.();
    }
  });
});

/** A FakeEmbedder that records the texts it embedded. */
class CountingEmbedder extends FakeEmbedder {
  readonly texts: string[] = [];
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.texts.push(...texts);
    return super.embedDocuments(texts);
  }
}
