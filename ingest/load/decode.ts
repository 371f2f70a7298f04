import { AppError } from "../../core/errors.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });
// Windows-1252 bytes 0x80–0x9F (Node's "windows-1252" decoder treats them as Latin-1 control characters).
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

// Control characters other than tab, line feed, form feed and carriage return, and the replacement character.
const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/gu;
// Text has next to none; random bytes decoded as Windows-1252 give ~13 %, as UTF-8 with errors more.
const MAX_NOT_TEXT_SHARE = 0.01;

/**
 * Decodes a text file's bytes (UTF-16 with BOM, UTF-8, else Windows-1252). Content that is not text (NUL bytes, or
 * more than 1 % control or replacement characters) is rejected as "binary", whatever the file's name.
 */
export function decodeText(bytes: Uint8Array, source: string): string {
  const text = decode(bytes);
  if (text.includes("\u0000") || notTextShare(text) > MAX_NOT_TEXT_SHARE) {
    throw new AppError("UNSUPPORTED_FILE", `${source}: binary content, not text`, { details: { reason: "binary" } });
  }
  return text;
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return UTF8.decode(bytes);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    // Text that is not valid UTF-8 is most often a legacy Windows/Latin-1 file.
    return decodeWindows1252(bytes);
  }
}

const HAS_NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/u;

function notTextShare(text: string): number {
  if (text.length === 0 || !HAS_NOT_TEXT.test(text)) return 0; // one scan settles it for nearly every text file
  let bad = 0;
  for (const _ of text.matchAll(NOT_TEXT)) bad++;
  return bad / text.length;
}

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}
