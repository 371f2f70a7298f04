import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Chunk } from "../../core/types.js";
import type { SourceSummary as TableSource } from "./chunk-store.js";

/** Where each line of chunks.jsonl starts, with its label and source: binary (layout in ChunkTableWriter.write). */
export const CHUNK_TABLE_FILE = "chunks.idx";
/** Each line's chunk id and each source's title and date: JSON. */
export const CHUNK_KEYS_FILE = "chunks.keys.json";

interface Keys {
  ids: string[];
  sources: Omit<TableSource, "chunks">[];
}

/** Collects the table while chunks.jsonl is written, one line at a time. */
export class ChunkTableWriter {
  private readonly starts: Uint32Array;
  private readonly labels: Uint32Array;
  private readonly sourceNos: Uint32Array;
  private readonly keys: Keys = { ids: [], sources: [] };
  private readonly sourceNo = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly count: number) {
    this.starts = new Uint32Array(count + 1);
    this.labels = new Uint32Array(count);
    this.sourceNos = new Uint32Array(count);
  }

  /** Records the next line (`line`, the chunk's JSON line) and returns it. */
  add(label: number, chunk: Chunk, line: string): string {
    const row = this.keys.ids.push(chunk.id) - 1;
    let no = this.sourceNo.get(chunk.source);
    if (no === undefined) {
      this.sourceNo.set(chunk.source, (no = this.keys.sources.push({ source: chunk.source, title: chunk.title, date: chunk.date }) - 1));
    }
    this.labels[row] = label;
    this.sourceNos[row] = no;
    this.bytes += Buffer.byteLength(line);
    if (this.bytes > 0xffffffff) throw new Error(`chunks file over 4 GiB at chunk ${chunk.id}`);
    this.starts[row + 1] = this.bytes;
    return line;
  }

  /**
   * Layout (u32 little-endian): count · line starts [count+1] (the last is the file size) · labels [count] ·
   * sources [count] · rows in sorted order of their ids [count].
   */
  async write(dir: string): Promise<void> {
    const n = this.count;
    if (this.keys.ids.length !== n) throw new Error(`chunk table: ${this.keys.ids.length} lines added, ${n} announced`);
    const table = new Uint32Array(4 * n + 2);
    table[0] = n;
    table.set(this.starts, 1);
    table.set(this.labels, n + 2);
    table.set(this.sourceNos, 2 * n + 2);
    const { ids } = this.keys;
    table.set(
      Uint32Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0)),
      3 * n + 2,
    );
    await writeFile(path.join(dir, CHUNK_TABLE_FILE), new Uint8Array(table.buffer));
    await writeFile(path.join(dir, CHUNK_KEYS_FILE), JSON.stringify(this.keys));
  }
}

/**
 * The chunks of an index on disk, without loading them: the table and the ids are read, and a chunk (one
 * JSON.parse of its line) or a vector is read from its file when asked for, so opening 250k chunks costs a few
 * typed arrays instead of 250k objects, and neither chunks.jsonl nor vectors.f32 is held in memory (the OS page
 * cache keeps them). Rows follow chunks.jsonl. Call `close()` to release the two files.
 */
export class ChunkTable {
  private readonly starts: Uint32Array;
  private readonly labels: Uint32Array;
  private readonly sourceNos: Uint32Array;
  private readonly idOrder: Uint32Array;
  private readonly rowOfLabel: Int32Array;
  private readonly sourceList: TableSource[];

  private constructor(
    private readonly files: { lines: number; vectors: number },
    table: Uint32Array,
    private readonly ids: readonly string[],
    sources: Keys["sources"],
    private readonly dim: number,
  ) {
    const n = table[0]!;
    this.starts = table.subarray(1, n + 2);
    this.labels = table.subarray(n + 2, 2 * n + 2);
    this.sourceNos = table.subarray(2 * n + 2, 3 * n + 2);
    this.idOrder = table.subarray(3 * n + 2, 4 * n + 2);
    let maxLabel = -1;
    for (const label of this.labels) if (label > maxLabel) maxLabel = label;
    this.rowOfLabel = new Int32Array(maxLabel + 1).fill(-1);
    this.labels.forEach((label, row) => (this.rowOfLabel[label] = row));
    this.sourceList = sources.map((s) => ({ ...s, chunks: 0 }));
    for (const no of this.sourceNos) this.sourceList[no]!.chunks++;
  }

  /**
   * Opens the table of the index in `dir` (chunks.jsonl and vectors.f32 with the two table files); throws (with
   * the reason) when they do not describe the same chunks.
   */
  static async open(dir: string, files: { lines: string; vectors: string }, dim: number): Promise<ChunkTable> {
    const [bytes, keyText] = await Promise.all([readFile(path.join(dir, CHUNK_TABLE_FILE)), readFile(path.join(dir, CHUNK_KEYS_FILE), "utf8")]);
    const table = u32View(bytes);
    const n = table[0] ?? 0;
    if (table.length !== 4 * n + 2) throw new Error(`${CHUNK_TABLE_FILE} has ${table.length} words, expected ${4 * n + 2} for ${n} chunks`);
    const keys = JSON.parse(keyText) as Keys;
    if (keys.ids.length !== n) throw new Error(`${CHUNK_KEYS_FILE} lists ${keys.ids.length} ids for ${n} chunks`);
    const fds = { lines: openSync(path.join(dir, files.lines), "r"), vectors: openSync(path.join(dir, files.vectors), "r") };
    try {
      const [lineBytes, vectorBytes] = [fstatSync(fds.lines).size, fstatSync(fds.vectors).size];
      if (table[n + 1] !== lineBytes) throw new Error(`${CHUNK_TABLE_FILE} ends at byte ${table[n + 1]}, ${files.lines} has ${lineBytes}`);
      if (vectorBytes !== n * dim * 4) throw new Error(`${n} chunks but ${vectorBytes} bytes of vectors (expected ${n * dim * 4})`);
      return new ChunkTable(fds, table, keys.ids, keys.sources, dim);
    } catch (err) {
      closeSync(fds.lines);
      closeSync(fds.vectors);
      throw err;
    }
  }

  get size(): number {
    return this.labels.length;
  }

  label(row: number): number {
    return this.labels[row]!;
  }

  /** The row of a label; undefined for a label the table does not hold. */
  rowOf(label: number): number | undefined {
    const row = this.rowOfLabel[label];
    return row === undefined || row < 0 ? undefined : row;
  }

  /** The row of a chunk id, by binary search over the rows in id order. */
  rowOfId(chunkId: string): number | undefined {
    let [lo, hi] = [0, this.idOrder.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[this.idOrder[mid]!]! < chunkId) lo = mid + 1;
      else hi = mid;
    }
    const row = this.idOrder[lo];
    return row !== undefined && this.ids[row] === chunkId ? row : undefined;
  }

  /** A new chunk object for `row`, parsed from its line. */
  chunk(row: number): Chunk {
    const line = this.read(this.files.lines, this.starts[row]!, this.starts[row + 1]! - this.starts[row]!);
    return (JSON.parse(line.toString("utf8")) as [number, Chunk])[1];
  }

  vector(row: number): Float32Array {
    const bytes = this.read(this.files.vectors, row * this.dim * 4, this.dim * 4);
    return new Float32Array(bytes.buffer, bytes.byteOffset, this.dim);
  }

  sourceOf(row: number): string {
    return this.sourceList[this.sourceNos[row]!]!.source;
  }

  /** Every source, in order of first appearance. */
  sources(): readonly TableSource[] {
    return this.sourceList;
  }

  close(): void {
    closeSync(this.files.lines);
    closeSync(this.files.vectors);
  }

  /** `length` bytes at `position` of an open file, synchronously: one small read from the page cache per hit. */
  private read(fd: number, position: number, length: number): Buffer {
    const bytes = Buffer.allocUnsafeSlow(length);
    const got = readSync(fd, bytes, 0, length, position);
    if (got !== length) throw new Error(`index file cut short: ${got} of ${length} bytes at byte ${position}`);
    return bytes;
  }
}

function u32View(bytes: Uint8Array): Uint32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes); // a copy starts aligned
  return new Uint32Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 4));
}
