import { readFile } from "node:fs/promises";
import { AppError } from "../core/errors.js";
import type { SourceDocument } from "../core/types.js";
import { contentHash } from "./hash.js";
import { documentFields } from "./load/front-matter.js";

/** The suffix of a sidecar file: `guide.pdf.meta.json` (or `guide.meta.json`) describes `guide.pdf`. */
export const SIDECAR_SUFFIX = ".meta.json";

export const isSidecar = (source: string): boolean => source.endsWith(SIDECAR_SUFFIX);

export interface DocumentBytes {
  bytes: Buffer;
  /** The sidecar's bytes, when the file has one. */
  sidecar: Buffer | undefined;
  /** Of the file and its sidecar together, so editing either re-indexes the file. */
  hash: string;
}

/** Reads a document and its sidecar (`NAME.meta.json`, else the name without its extension + `.meta.json`). */
export async function readDocument(absPath: string): Promise<DocumentBytes> {
  const bytes = await readFile(absPath);
  const sidecar = await readSidecar(absPath);
  return { bytes, sidecar, hash: sidecar ? contentHash(Buffer.concat([bytes, Buffer.from("\0"), sidecar])) : contentHash(bytes) };
}

async function readSidecar(absPath: string): Promise<Buffer | undefined> {
  const stem = absPath.replace(/\.[^./\\]+$/u, "");
  for (const candidate of [absPath + SIDECAR_SUFFIX, stem + SIDECAR_SUFFIX]) {
    try {
      return await readFile(candidate);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  return undefined;
}

/** The document with what its sidecar states (url, title, date, tags, …) taking precedence over what the text says. */
export function applySidecar(doc: SourceDocument, sidecar: Buffer, source: string): SourceDocument {
  let data: unknown;
  try {
    data = JSON.parse(sidecar.toString("utf8"));
  } catch (err) {
    throw new AppError("UNSUPPORTED_FILE", `${source}: its ${SIDECAR_SUFFIX} file is not valid JSON`, { cause: err, details: { reason: "unreadable" } });
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new AppError("UNSUPPORTED_FILE", `${source}: its ${SIDECAR_SUFFIX} file is not a JSON object`, { details: { reason: "unreadable" } });
  }
  const fields = documentFields(data as Record<string, unknown>);
  const meta = fields["meta"] as Record<string, unknown> | undefined;
  return {
    ...doc,
    ...(typeof fields["title"] === "string" ? { title: fields["title"] } : {}),
    ...(typeof fields["date"] === "string" ? { date: fields["date"] } : {}),
    ...(typeof fields["url"] === "string" ? { url: fields["url"] } : {}),
    ...(meta ? { metadata: { ...doc.metadata, ...meta } } : {}),
  };
}
