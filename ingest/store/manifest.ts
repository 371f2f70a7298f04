import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { recoverDir } from "./atomic-dir.js";

/** Bumped whenever the files of an index change shape; an index of another version is rebuilt. */
export const FORMAT_VERSION = 2;
export const MANIFEST_FILE = "manifest.json";

const count = z.number().int().nonnegative();

const ManifestSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  embedder: z.object({ id: z.string().min(1), dim: z.number().int().positive() }),
  /** Null when the chunks did not come from runIngest (e.g. a store filled by hand in a test). */
  chunking: z
    .object({
      chunkSize: count,
      chunkOverlap: count,
      /** Version of loading + cleaning + chunking; indexes from before it was recorded read "unversioned". */
      text: z.string().default("unversioned"),
    })
    .nullable(),
  files: z.record(
    z.string(),
    // indexedAt: when this version of the file was embedded (absent in indexes written before it was recorded).
    z.object({ hash: z.string(), bytes: count, chunks: count, indexedAt: z.iso.datetime().optional() }),
  ),
  counts: z.object({ files: count, chunks: count }),
  hnsw: z.object({ m: count, efConstruction: count, efSearch: count }),
  // Indexes written before sections were indexed say nothing about them: their BM25 is rebuilt from the chunks.
  bm25: z.object({ analyzer: z.string(), includeTitle: z.boolean(), includeSection: z.boolean().default(false) }),
  builtAt: z.iso.datetime(),
  /**
   * `sha256:<hex>` of each other file of the index, checked on open, so a file changed or damaged after the
   * write (same size or not) is refused. Indexes written before checksums were recorded have none.
   */
  checksums: z.record(z.string(), z.string()).optional(),
});

/** What an index on disk holds and how it was built; ingest compares it to decide what to re-embed. */
export type Manifest = z.infer<typeof ManifestSchema>;
export type FileRecord = Manifest["files"][string];
export type ChunkingSettings = NonNullable<Manifest["chunking"]>;

/**
 * Reads and validates `manifest.json`, after repairing an interrupted swap (recoverDir). A missing index gives INDEX_NOT_READY; an unreadable or
 * foreign one gives INDEX_MISMATCH, with the reason, so callers can tell "build it" from "rebuild it".
 */
export async function readManifest(dir: string): Promise<Manifest> {
  // A writer that crashed between the two renames of its swap left the previous index as a backup: restore it
  // first, so that neither the server nor ingest mistakes it for no index (and re-embeds everything).
  await recoverDir(dir);
  const file = path.join(dir, MANIFEST_FILE);
  const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") {
      throw new AppError("INDEX_NOT_READY", `No index at ${dir}; build it with \`npm run ingest\``, { cause: err });
    }
    throw new AppError("INTERNAL", `Cannot read ${file}: ${err.message}`, { cause: err });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw unreadable(dir, (err as Error).message, err);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw unreadable(dir, problems, parsed.error);
  }
  return parsed.data;
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(ManifestSchema.parse(manifest), null, 2)}\n`;
}

function unreadable(dir: string, reason: string, cause: unknown): AppError {
  return new AppError(
    "INDEX_MISMATCH",
    `The index at ${dir} has an unreadable or outdated manifest (${reason}); re-ingest with \`npm run ingest -- --rebuild\``,
    { cause },
  );
}
