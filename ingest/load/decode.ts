import { AppError } from "../../core/errors.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });
// Text that is not valid UTF-8 is most often a legacy Windows/Latin-1 file.
const LEGACY = new TextDecoder("windows-1252");

/** Decodes a text file's bytes; a NUL byte means binary content, which no text loader can read. */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes.includes(0)) {
    throw new AppError("UNSUPPORTED_FILE", `${source}: binary content in a text file`, {
      details: { reason: "unreadable" },
    });
  }
  try {
    return UTF8.decode(bytes);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return LEGACY.decode(bytes);
  }
}
