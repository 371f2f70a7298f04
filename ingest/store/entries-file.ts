import { open, readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../core/errors.js";
import type { Chunk } from "../../core/types.js";
import { ChunkTableWriter } from "./chunk-table.js";

/** A stored chunk with its HNSW/BM25 label and its embedding. */
export interface Entry {
  label: number;
  chunk: Chunk;
  vector: Float32Array;
}

export const CHUNKS_FILE = "chunks.jsonl";
export const VECTORS_FILE = "vectors.f32";
const LINES_PER_WRITE = 1000;

/**
 * Writes `chunks.jsonl` (one `[label, chunk]` per line, a format that streams and stays readable),
 * `vectors.f32` (the vectors back to back, float32 little-endian, in the same order), so an incremental
 * ingest keeps unchanged chunks without re-embedding them, and the chunk table (chunk-table.ts) that lets
 * a reader find each line without parsing the file.
 */
export async function writeEntries(dir: string, entries: Iterable<Entry>, dim: number): Promise<void> {
  const list = [...entries];
  const vectors = new Float32Array(list.length * dim);
  list.forEach((e, i) => vectors.set(e.vector, i * dim));
  const table = new ChunkTableWriter(list.length);
  const chunks = await open(path.join(dir, CHUNKS_FILE), "w");
  try {
    for (let i = 0; i < list.length; i += LINES_PER_WRITE) {
      const lines = list.slice(i, i + LINES_PER_WRITE).map((e) => table.add(e.label, e.chunk, `${JSON.stringify([e.label, e.chunk])}\n`));
      await chunks.write(lines.join(""));
    }
  } finally {
    await chunks.close();
  }
  const vectorFile = await open(path.join(dir, VECTORS_FILE), "w");
  try {
    await vectorFile.write(new Uint8Array(vectors.buffer));
  } finally {
    await vectorFile.close();
  }
  await table.write(dir);
}

/** Reads what `writeEntries` wrote; vectors are views into one buffer, not copies. */
export async function readEntries(dir: string, dim: number): Promise<Entry[]> {
  const [text, bytes] = await Promise.all([readFile(path.join(dir, CHUNKS_FILE), "utf8"), readFile(path.join(dir, VECTORS_FILE))]);
  const lines = text.split("\n").filter((line) => line.length > 0);
  if (bytes.byteLength !== lines.length * dim * 4) {
    throw corrupt(dir, `${lines.length} chunks but ${bytes.byteLength} bytes of vectors (expected ${lines.length * dim * 4})`);
  }
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes); // a copy starts aligned
  const vectors = new Float32Array(aligned.buffer, aligned.byteOffset, lines.length * dim);
  return lines.map((line, i) => {
    const [label, chunk] = JSON.parse(line) as [number, Chunk];
    return { label, chunk, vector: vectors.subarray(i * dim, (i + 1) * dim) };
  });
}

export function corrupt(dir: string, reason: string): AppError {
  return new AppError("INDEX_MISMATCH", `The index at ${dir} is damaged (${reason}); re-ingest with \`npm run ingest -- --rebuild\``);
}
