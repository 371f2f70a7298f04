import type { DocumentInterface } from "@langchain/core/documents";
import { AppError } from "../../core/errors.js";
import { loadHtml } from "./html.js";

/**
 * Word (.docx), converted by mammoth to HTML (Word's heading styles become h1–h6, tables stay tables), then read
 * by the HTML loader, so headings, tables and code keep their structure.
 */
export async function loadDocx(bytes: Uint8Array, source: string): Promise<DocumentInterface[]> {
  // Loaded on first use, like pdf.js: most corpora have no Word files.
  const mammoth = await import("mammoth");
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new AppError("UNSUPPORTED_FILE", `${source}: not a readable Word document (${detail})`, { cause: err, details: { reason: "unreadable" } });
  }
  return loadHtml(new TextEncoder().encode(html), source);
}
