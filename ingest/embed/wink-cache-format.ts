import { WordIndex } from "./word-index.js";

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

/** What a cache was built from and for; a cache whose stamp differs from the current one is stale. */
export interface CacheStamp {
  format: number;
  pooling: string;
  source: { version: string; size: number; mtimeMs: number };
}

/** Bumped whenever the byte layout below changes. */
export const CACHE_FORMAT = 1;
const MAGIC = "CBWV";

// Section order and element types: "CBWV", u32 header length, JSON header, then each section 8-byte aligned.
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
interface Sections {
  offsets: Uint32Array;
  slots: Int32Array;
  scales: Float32Array;
  weights: Float32Array;
  common: Float32Array;
  chars: Uint16Array;
  rows: Int8Array;
}

interface Header extends CacheStamp {
  dim: number;
  lengths: Record<SectionName, number>;
}

export function encodeCache(table: WordTable, stamp: CacheStamp): Buffer {
  const { index } = table;
  const sections: Sections = {
    offsets: index.offsets,
    slots: index.slots,
    scales: table.scales,
    weights: table.weights,
    common: table.commonComponent,
    chars: index.chars,
    rows: table.quantized,
  };
  const lengths = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v.length])) as Header["lengths"];
  const headerBlob = Buffer.from(JSON.stringify({ ...stamp, dim: table.dim, lengths } satisfies Header), "utf8");
  const { at, end } = layout(headerBlob.length, lengths);
  const buf = Buffer.alloc(end);
  buf.write(MAGIC, 0, "latin1");
  buf.writeUInt32LE(headerBlob.length, 4);
  headerBlob.copy(buf, 8);
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    const data = sections[name];
    buf.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at[name]);
  }
  return buf;
}

/** The table as views over `input` (no copy) and its stamp, or why `input` is not a complete cache. */
export function decodeCache(input: Buffer): { stamp: CacheStamp; table: WordTable } | { invalid: string } {
  // Typed-array views need aligned offsets; a Buffer from readFile starts at offset 0, and so does a copy.
  const buf = input.byteOffset % 8 === 0 ? input : Buffer.from(input);
  if (buf.length < 8 || buf.toString("latin1", 0, 4) !== MAGIC) return { invalid: "not a word-vector cache" };
  const headerBytes = buf.readUInt32LE(4);
  const header = parseHeader(buf.toString("utf8", 8, 8 + headerBytes));
  if (!header) return { invalid: "its header is unreadable" };
  const { at, end } = layout(headerBytes, header.lengths);
  if (buf.length !== end) return { invalid: `it is ${buf.length} bytes instead of ${end}` };
  const s = Object.fromEntries(
    (Object.keys(SECTIONS) as SectionName[]).map((n) => [n, new SECTIONS[n](buf.buffer as ArrayBuffer, buf.byteOffset + at[n], header.lengths[n])]),
  ) as unknown as Sections; // each entry built by its own SECTIONS constructor
  const index = new WordIndex({ chars: s.chars, offsets: s.offsets, slots: s.slots });
  const { dim } = header;
  const consistent = dim > 0 && [s.scales.length, s.weights.length, s.rows.length / dim].every((n) => n === index.size);
  if (!consistent || s.common.length !== dim) return { invalid: "its sections disagree in length" };
  const table = { count: index.size, dim, index, quantized: s.rows, scales: s.scales, weights: s.weights, commonComponent: s.common };
  return { stamp: { format: header.format, pooling: header.pooling, source: header.source }, table };
}

/** Byte offset of each section after a header of `headerBytes`, and the total size. */
function layout(headerBytes: number, lengths: Record<SectionName, number>) {
  const at = {} as Record<SectionName, number>;
  let end = 8 + headerBytes;
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    at[name] = Math.ceil(end / 8) * 8;
    end = at[name] + lengths[name] * SECTIONS[name].BYTES_PER_ELEMENT;
  }
  return { at, end };
}

function parseHeader(text: string): Header | undefined {
  let h: Partial<Header>;
  try {
    h = JSON.parse(text) as Partial<Header>;
  } catch {
    return undefined; // torn or foreign: decodeCache reports it and the cache is rebuilt
  }
  const lengths = Object.keys(SECTIONS).map((k) => h.lengths?.[k as SectionName]);
  const ok = [h.format, h.dim, ...lengths].every((n) => Number.isInteger(n) && n! >= 0);
  return ok && typeof h.pooling === "string" && typeof h.source === "object" ? (h as Header) : undefined;
}
