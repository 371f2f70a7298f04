import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../core/errors.js";
import { commonComponent, SIF_VERSION, sifWeights } from "./sif.js";
import { WordIndex } from "./word-index.js";
import { locateWinkSource, readWinkSource, WINK_PACKAGE, type WinkSource, type WinkSourceInfo } from "./wink-source.js";

/** The word vectors as the embedder uses them: int8 rows with a per-row scale, and the SIF constants. */
export interface WordTable {
  readonly count: number;
  readonly dim: number;
  readonly index: WordIndex;
  /** count × dim, row-major; the raw vector of row i is quantized[i·dim + d] × scales[i]. */
  readonly quantized: Int8Array;
  readonly scales: Float32Array;
  /** SIF weight of each row (sif.ts). */
  readonly weights: Float32Array;
  /** The SIF common component (sif.ts). */
  readonly commonComponent: Float32Array;
}

export interface OpenWinkCacheOptions {
  cacheDir: string;
  /** Called before the slow (once per install, ~10 s, ~1 GB) build from the package's JSON, with the reason. */
  onBuild?: (reason: string) => void;
  /** The vectors package's package.json; resolved from node_modules by default (tests pass a small one). */
  packageJson?: string;
}

/** Bumped whenever the byte layout changes. */
const CACHE_FORMAT = 1;
const MAGIC = "CBWV";
const CACHE_FILE = `${WINK_PACKAGE}.cache`;

type Section = Uint32Array | Int32Array | Float32Array | Uint16Array | Int8Array;
const SECTIONS = {
  offsets: Uint32Array,
  slots: Int32Array,
  scales: Float32Array,
  weights: Float32Array,
  common: Float32Array,
  chars: Uint16Array,
  rows: Int8Array,
} as const;
type SectionName = keyof typeof SECTIONS;

interface Header {
  format: number;
  pooling: string;
  source: { version: string; size: number; mtimeMs: number };
  dim: number;
  /** Element count of each section, in SECTIONS order. */
  lengths: Record<SectionName, number>;
}

/**
 * Loads the binary cache from `cacheDir`, building it first when it is missing, unreadable or stale
 * (other format, pooling, package version or package file). Layout: "CBWV", u32 header length, JSON
 * header, then each section of SECTIONS, 8-byte aligned. Loading is one readFile plus typed-array views.
 */
export async function openWinkCache({ cacheDir, onBuild, packageJson }: OpenWinkCacheOptions): Promise<WordTable> {
  const file = path.join(cacheDir, CACHE_FILE);
  const source = await locateWinkSource(packageJson);
  const cached = await readCache(file);
  const stale = staleness(cached?.header, source);
  if (cached && !stale) return cached.table;
  if (!source) {
    throw new AppError("INTERNAL", `${WINK_PACKAGE} is not installed and ${file} is ${stale}: run npm install`);
  }
  onBuild?.(stale ?? "missing");
  const bytes = encodeCache(await readWinkSource(source), source);
  await writeFileAtomic(file, bytes);
  return decodeCache(bytes)!.table;
}

/** Why a cache cannot be used, or undefined when it can. Without the package, any same-format cache is trusted. */
function staleness(header: Header | undefined, source: WinkSourceInfo | undefined): string | undefined {
  if (!header) return "missing or unreadable";
  if (header.format !== CACHE_FORMAT || header.pooling !== SIF_VERSION) return "from another citebot version";
  const s = header.source;
  if (source && (s.version !== source.version || s.size !== source.size || s.mtimeMs !== source.mtimeMs)) {
    return `built from another copy of ${WINK_PACKAGE} (${s.version}, now ${source.version})`;
  }
  return undefined;
}

async function readCache(file: string): Promise<{ header: Header; table: WordTable } | undefined> {
  try {
    return decodeCache(await readFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new AppError("INTERNAL", `Cannot read the word-vector cache ${file}`, { cause: err });
  }
}

/** Byte offset of each section after a header of `headerBytes`, and the total size. */
function layout(headerBytes: number, lengths: Record<SectionName, number>) {
  const at = {} as Record<SectionName, number>;
  let end = 8 + headerBytes;
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    at[name] = align8(end);
    end = at[name] + lengths[name] * SECTIONS[name].BYTES_PER_ELEMENT;
  }
  return { at, end };
}

/** The table as views over `input`, or undefined when `input` is not a complete cache file. */
function decodeCache(input: Buffer): { header: Header; table: WordTable } | undefined {
  // Typed-array views need aligned offsets; a Buffer from readFile starts at offset 0, a copy does too.
  const buf = input.byteOffset % 8 === 0 ? input : Buffer.from(input);
  if (buf.length < 8 || buf.toString("latin1", 0, 4) !== MAGIC) return undefined;
  const headerBytes = buf.readUInt32LE(4);
  const header = parseHeader(buf.toString("utf8", 8, 8 + headerBytes));
  if (!header) return undefined;
  const { at, end } = layout(headerBytes, header.lengths);
  if (buf.length !== end) return undefined;
  const view = <N extends SectionName>(name: N) =>
    new SECTIONS[name](buf.buffer as ArrayBuffer, buf.byteOffset + at[name], header.lengths[name]) as InstanceType<
      (typeof SECTIONS)[N]
    >;
  const table = toTable(header.dim, view);
  return table && { header, table };
}

type SectionView = <N extends SectionName>(name: N) => InstanceType<(typeof SECTIONS)[N]>;

/** The table over the sections, or undefined when their lengths disagree. */
function toTable(dim: number, section: SectionView): WordTable | undefined {
  const index = new WordIndex({ chars: section("chars"), offsets: section("offsets"), slots: section("slots") });
  const table = {
    count: index.size,
    dim,
    index,
    quantized: section("rows"),
    scales: section("scales"),
    weights: section("weights"),
    commonComponent: section("common"),
  };
  const rows = [table.scales.length, table.weights.length, table.quantized.length / dim];
  const ok = rows.every((n) => n === index.size) && table.commonComponent.length === dim && dim > 0;
  return ok ? table : undefined;
}

function parseHeader(text: string): Header | undefined {
  let h: Partial<Header>;
  try {
    h = JSON.parse(text) as Partial<Header>;
  } catch {
    return undefined; // a foreign or torn file: the caller rebuilds it
  }
  const lengths = Object.keys(SECTIONS).map((k) => h.lengths?.[k as SectionName]);
  const ok = [h.format, h.dim, ...lengths].every((n) => Number.isInteger(n) && n! >= 0);
  return ok && typeof h.pooling === "string" && h.source ? (h as Header) : undefined;
}

/** Quantizes each row to int8 with its own scale (max |x| / 127) and computes the SIF constants. */
function encodeCache(src: WinkSource, info: WinkSourceInfo): Buffer {
  const { words, dim } = src;
  const count = words.length;
  const index = WordIndex.build(words);
  const scales = new Float32Array(count);
  const rows = new Int8Array(count * dim);
  const raw = new Float32Array(dim);
  for (let i = 0; i < count; i++) {
    src.row(i, raw);
    const max = raw.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    scales[i] = max / 127;
    for (let d = 0; d < dim; d++) rows[i * dim + d] = max > 0 ? Math.round((raw[d]! * 127) / max) : 0;
  }
  // From the quantized rows, so it is exactly the direction the embedder's vectors live in.
  const common = commonComponent(count, dim, (i, out) => {
    for (let d = 0; d < dim; d++) out[d] = rows[i * dim + d]! * scales[i]!;
  });
  const sections: Record<SectionName, Section> = {
    offsets: index.offsets,
    slots: index.slots,
    scales,
    weights: sifWeights(count),
    common,
    chars: index.chars,
    rows,
  };
  const lengths = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v.length])) as Header["lengths"];
  const header: Header = { format: CACHE_FORMAT, pooling: SIF_VERSION, source: { version: info.version, size: info.size, mtimeMs: info.mtimeMs }, dim, lengths };
  const headerBlob = Buffer.from(JSON.stringify(header), "utf8");
  const { at, end } = layout(headerBlob.length, lengths);
  const buf = Buffer.alloc(end);
  buf.write(MAGIC, 0, "latin1");
  buf.writeUInt32LE(headerBlob.length, 4);
  headerBlob.copy(buf, 8);
  for (const [name, data] of Object.entries(sections)) {
    buf.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at[name as SectionName]);
  }
  return buf;
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

const align8 = (n: number): number => Math.ceil(n / 8) * 8;
