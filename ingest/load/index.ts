import type { DocumentInterface } from "@langchain/core/documents";
import { extname } from "node:path";
import { AppError } from "../../core/errors.js";
import { loadAsciiDoc } from "./asciidoc.js";
import { loadDocx } from "./docx.js";
import { loadHtml } from "./html.js";
import { loadMd } from "./md.js";
import { loadPdf } from "./pdf.js";
import { loadTxt } from "./txt.js";

/** A loader turns a file's bytes into LangChain Documents; `source` names the file in errors and metadata. */
export type Loader = (bytes: Uint8Array, source: string) => DocumentInterface[] | Promise<DocumentInterface[]>;

// Extension → loader, after LlamaIndex's FILE_EXT_TO_READER.
const LOADERS: Readonly<Record<string, Loader>> = {
  ".txt": loadTxt,
  ".md": loadMd,
  ".markdown": loadMd,
  ".html": loadHtml,
  ".htm": loadHtml,
  ".pdf": loadPdf,
  ".adoc": loadAsciiDoc,
  ".asciidoc": loadAsciiDoc,
  ".docx": loadDocx,
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(LOADERS));

export function isSupported(fileName: string): boolean {
  return Object.hasOwn(LOADERS, extname(fileName).toLowerCase());
}

/**
 * Loads one file. Throws AppError("UNSUPPORTED_FILE") with `details.reason` one of
 * "empty" | "unsupported type" | "corrupt pdf" | "encrypted pdf" | "unreadable".
 */
export async function loadFile(bytes: Uint8Array, source: string): Promise<DocumentInterface[]> {
  const ext = extname(source).toLowerCase();
  const loader = Object.hasOwn(LOADERS, ext) ? LOADERS[ext] : undefined;
  if (!loader) throw rejected(source, "unsupported type", `extension "${ext || "(none)"}" is not one of ${SUPPORTED_EXTENSIONS.join(" ")}`);
  if (bytes.length === 0) throw rejected(source, "empty", "the file is empty");
  const docs = await loader(bytes, source);
  if (docs.every((d) => !d.pageContent.trim())) throw rejected(source, "empty", "the file has no text");
  return docs;
}

function rejected(source: string, reason: string, why: string): AppError {
  return new AppError("UNSUPPORTED_FILE", `${source}: ${why}`, { details: { reason } });
}
