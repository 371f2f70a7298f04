import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../core/errors.js";
import { commonComponent, SIF_VERSION, sifWeights } from "./sif.js";
import { CACHE_FORMAT, decodeCache, encodeCache, type CacheStamp, type WordTable } from "./wink-cache-format.js";
import { locateWinkSource, readWinkSource, WINK_PACKAGE, type WinkSource, type WinkSourceInfo } from "./wink-source.js";
import { WordIndex } from "./word-index.js";

export type { WordTable } from "./wink-cache-format.js";

export interface OpenWinkCacheOptions {
  cacheDir: string;
  /** Called before the slow (once per install, ~10 s, ~1 GB) build from the package's JSON, with the reason. */
  onBuild?: (reason: string) => void;
  /** The vectors package's package.json; resolved from node_modules by default (tests pass a small one). */
  packageJson?: string;
}

const CACHE_FILE = `${WINK_PACKAGE}.cache`;

/**
 * Loads the word-vector cache from `cacheDir` (one readFile plus typed-array views), building it first
 * when it is missing, unreadable or stale: another cache format or pooling, or another copy of the package.
 */
export async function openWinkCache({ cacheDir, onBuild, packageJson }: OpenWinkCacheOptions): Promise<WordTable> {
  const file = path.join(cacheDir, CACHE_FILE);
  const source = await locateWinkSource(packageJson);
  const cached = await readCache(file);
  const stale = "invalid" in cached ? cached.invalid : staleness(cached.stamp, source);
  if (!stale && "table" in cached) return cached.table;
  if (!source) throw new AppError("INTERNAL", `${WINK_PACKAGE} is not installed and ${file} is unusable (${stale}): run npm install`);
  onBuild?.(stale!);
  const table = buildWordTable(await readWinkSource(source));
  await writeFileAtomic(file, encodeCache(table, stampOf(source)));
  return table;
}

const stampOf = (s: WinkSourceInfo): CacheStamp => ({
  format: CACHE_FORMAT,
  pooling: SIF_VERSION,
  source: { version: s.version, size: s.size, mtimeMs: s.mtimeMs },
});

/** Why a readable cache cannot be used, or undefined when it can. Without the package, any same-format cache is trusted. */
function staleness(stamp: CacheStamp, source: WinkSourceInfo | undefined): string | undefined {
  if (stamp.format !== CACHE_FORMAT || stamp.pooling !== SIF_VERSION) return "built by another citebot version";
  const was = stamp.source;
  if (source && (was.version !== source.version || was.size !== source.size || was.mtimeMs !== source.mtimeMs)) {
    return `built from another copy of ${WINK_PACKAGE} (${was.version}, now ${source.version})`;
  }
  return undefined;
}

async function readCache(file: string): Promise<ReturnType<typeof decodeCache>> {
  try {
    return decodeCache(await readFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { invalid: "missing" };
    throw new AppError("INTERNAL", `Cannot read the word-vector cache ${file}`, { cause: err });
  }
}

/** Quantizes each row to int8 with its own scale (max |x| / 127) and computes the SIF constants. */
function buildWordTable(src: WinkSource): WordTable {
  const { words, dim } = src;
  const count = words.length;
  const scales = new Float32Array(count);
  const quantized = new Int8Array(count * dim);
  const raw = new Float32Array(dim);
  for (let i = 0; i < count; i++) {
    src.row(i, raw);
    const max = raw.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    scales[i] = max / 127;
    for (let d = 0; d < dim; d++) quantized[i * dim + d] = max > 0 ? Math.round((raw[d]! * 127) / max) : 0;
  }
  // From the quantized rows, so it is exactly the direction the embedder's vectors live in.
  const common = commonComponent(count, dim, (i, out) => {
    for (let d = 0; d < dim; d++) out[d] = quantized[i * dim + d]! * scales[i]!;
  });
  return { count, dim, index: WordIndex.build(words), quantized, scales, weights: sifWeights(count), commonComponent: common };
}

async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new AppError("INTERNAL", `Cannot write the word-vector cache ${file}`, { cause: err });
  }
}
