import type { FileRecord } from "./manifest.js";

export type FileEntry = Omit<FileRecord, "chunks">;

/**
 * What a writable store knows per source file: the keys of its chunks (labels or ids) and its recorded content
 * hash, size and indexing time. Both stores keep their own chunks; this keeps the per-file bookkeeping in one place.
 */
export class SourceLedger<K> {
  private readonly chunkKeys = new Map<string, Set<K>>();
  private readonly files = new Map<string, FileEntry>();

  addChunk(source: string, key: K): void {
    let keys = this.chunkKeys.get(source);
    if (!keys) this.chunkKeys.set(source, (keys = new Set()));
    keys.add(key);
  }

  removeChunk(source: string, key: K): void {
    const keys = this.chunkKeys.get(source);
    keys?.delete(key);
    if (keys?.size === 0) this.chunkKeys.delete(source);
  }

  chunksOf(source: string): readonly K[] {
    return [...(this.chunkKeys.get(source) ?? [])];
  }

  /** Records a file as indexed now. */
  record(source: string, { hash, bytes }: Pick<FileEntry, "hash" | "bytes">): void {
    this.files.set(source, { hash, bytes, indexedAt: new Date().toISOString() });
  }

  /** Restores a record read back from disk or database. */
  restore(source: string, entry: FileEntry): void {
    this.files.set(source, entry);
  }

  forget(source: string): void {
    this.files.delete(source);
  }

  /** The recorded hash, size and time of a file with its chunk count; undefined when not recorded. */
  fileRecord(source: string): FileRecord | undefined {
    const entry = this.files.get(source);
    return entry && { ...entry, chunks: this.chunkKeys.get(source)?.size ?? 0 };
  }

  fileEntry(source: string): FileEntry | undefined {
    return this.files.get(source);
  }

  recordedSources(): string[] {
    return [...this.files.keys()];
  }

  /** Every source with chunks or a file record. */
  sources(): string[] {
    return [...new Set([...this.chunkKeys.keys(), ...this.files.keys()])];
  }

  /** How many sources have chunks. */
  get sourcesWithChunks(): number {
    return this.chunkKeys.size;
  }
}
