import type { DocumentInterface } from "@langchain/core/documents";
import { decodeText } from "./decode.js";

/** Plain text: the whole file is one Document. */
export function loadTxt(bytes: Uint8Array, source: string): DocumentInterface[] {
  return [{ pageContent: decodeText(bytes, source), metadata: { source } }];
}
