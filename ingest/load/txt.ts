import type { DocumentInterface } from "@langchain/core/documents";
import { asciiDocToText } from "./asciidoc.js";
import { decodeText } from "./decode.js";

/** Plain text: the whole file is one Document; AsciiDoc-style headings ("== Section") are kept as headings. */
export function loadTxt(bytes: Uint8Array, source: string): DocumentInterface[] {
  return [{ pageContent: asciiDocToText(decodeText(bytes, source), false), metadata: { source } }];
}
