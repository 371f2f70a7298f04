import type { SkipReason } from "./prepare.js";

export type IngestProgress =
  | { type: "start"; files: number; toIndex: number; fullBuild: string | null }
  | { type: "file"; source: string; status: "indexed" | "unchanged" | "skipped"; chunks: number; reason?: SkipReason; done: number; total: number }
  | { type: "write"; indexDir: string };

export interface IngestSummary {
  docsDir: string;
  indexDir: string;
  /** Why every file was (re-)embedded, e.g. "no index yet", "--rebuild"; null for an incremental run. */
  fullBuild: string | null;
  files: {
    indexed: string[];
    unchanged: string[];
    removed: string[];
    /** `message` reads "<source>: what went wrong". */
    skipped: { source: string; reason: SkipReason; message: string }[];
  };
  /** In the index after the run, and embedded by this run. */
  chunks: { total: number; embedded: number };
  /** Bytes of the documents found, and of those indexed by this run. */
  bytes: { read: number; indexed: number };
  /** False when nothing changed, so the index on disk was left as it was. */
  written: boolean;
  ms: number;
}

/** Builds the summary of a run and reports each file's outcome as progress, as it happens. */
export class IngestTally {
  readonly summary: IngestSummary;
  private done = 0;

  constructor(
    init: { docsDir: string; indexDir: string; fullBuild: string | null; bytesFound: number },
    private readonly total: number,
    private readonly onProgress: ((event: IngestProgress) => void) | undefined,
  ) {
    this.summary = {
      docsDir: init.docsDir,
      indexDir: init.indexDir,
      fullBuild: init.fullBuild,
      files: { indexed: [], unchanged: [], removed: [], skipped: [] },
      chunks: { total: 0, embedded: 0 },
      bytes: { read: init.bytesFound, indexed: 0 },
      written: false,
      ms: 0,
    };
  }

  progress(event: Exclude<IngestProgress, { type: "file" }>): void {
    this.onProgress?.(event);
  }

  indexed(source: string, chunks: number, bytes: number): void {
    this.summary.files.indexed.push(source);
    this.summary.chunks.embedded += chunks;
    this.summary.bytes.indexed += bytes;
    this.file(source, "indexed", chunks);
  }

  unchanged(source: string, chunks: number): void {
    this.summary.files.unchanged.push(source);
    this.file(source, "unchanged", chunks);
  }

  skipped(source: string, reason: SkipReason, why: string): void {
    const message = why.startsWith(`${source}: `) ? why : `${source}: ${why}`;
    this.summary.files.skipped.push({ source, reason, message });
    this.file(source, "skipped", 0, reason);
  }

  private file(source: string, status: "indexed" | "unchanged" | "skipped", chunks: number, reason?: SkipReason): void {
    this.onProgress?.({ type: "file", source, status, chunks, reason, done: ++this.done, total: this.total });
  }
}
