import { createHash } from "node:crypto";

/** Content hash of a file's bytes (sha256, hex): what incremental ingest compares. */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
