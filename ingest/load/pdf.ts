import type { DocumentInterface } from "@langchain/core/documents";
import type * as PdfParse from "pdf-parse";
import { AppError } from "../../core/errors.js";
import { markOutlineHeadings, type OutlineItem } from "./pdf-outline.js";

/** PDF: one Document per page, tagged with its 1-based page number and the file's title/date metadata; outline headings marked. */
export async function loadPdf(bytes: Uint8Array, source: string): Promise<DocumentInterface[]> {
  // Loaded on first use: importing pdf.js costs ~150 MB of RSS, which the server (it imports ingest for the
  // store) and runs without PDFs should not pay.
  const pdf = await import("pdf-parse");
  // pdf.js transfers its input to a worker where it can, detaching it; a copy keeps the caller's bytes intact.
  const parser = new pdf.PDFParse({ data: new Uint8Array(bytes) });
  try {
    const info = await parser.getInfo();
    const { pages } = await parser.getText();
    const fileMeta = pdfMetadata(info.info, info.getDateNode().CreationDate);
    // Bookmarks, where the PDF has them, give its headings.
    const texts = markOutlineHeadings(
      pages.map((p) => p.text),
      (info.outline ?? []) as OutlineItem[],
    );
    return pages.map((p, i) => ({ pageContent: texts[i] ?? p.text, metadata: { source, page: p.num, ...fileMeta } }));
  } catch (err) {
    throw pdfError(pdf, err, source);
  } finally {
    await parser.destroy();
  }
}

function pdfMetadata(info: unknown, created: Date | null | undefined): { title?: string; date?: string } {
  const meta: { title?: string; date?: string } = {};
  const title = (info as { Title?: unknown } | undefined)?.Title;
  if (typeof title === "string" && title.trim()) meta.title = title.trim();
  if (created && !Number.isNaN(created.getTime())) meta.date = created.toISOString().slice(0, 10);
  return meta;
}

function pdfError(pdf: typeof PdfParse, err: unknown, source: string): AppError {
  const reason =
    err instanceof pdf.PasswordException
      ? "encrypted pdf"
      : err instanceof pdf.InvalidPDFException || err instanceof pdf.FormatError
        ? "corrupt pdf"
        : "unreadable";
  const detail = err instanceof Error ? err.message : String(err);
  return new AppError("UNSUPPORTED_FILE", `${source}: ${reason} (${detail})`, { cause: err, details: { reason } });
}
