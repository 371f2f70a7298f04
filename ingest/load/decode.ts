import { AppError } from "../../core/errors.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });
// Windows-1252 bytes 0x80–0x9F (Node's "windows-1252" decoder treats them as Latin-1 control characters).
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/** Decodes a text file's bytes (UTF-8, UTF-16 with BOM, else Windows-1252); NUL bytes mean binary content. */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  if (bytes.includes(0)) {
    throw new AppError("UNSUPPORTED_FILE", `${source}: binary content in a text file`, {
      details: { reason: "unreadable" },
    });
  }
  try {
    return UTF8.decode(bytes);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    // Text that is not valid UTF-8 is most often a legacy Windows/Latin-1 file.
    return decodeWindows1252(bytes);
  }
}

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}
