import { PDFDocument, StandardFonts } from "pdf-lib";

/** Test helper: a PDF whose pages hold the given lines, with an optional running header and "n" page footer. */
export async function makePdf(pages: string[][], opts: { title?: string; header?: string; pageNumbers?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (opts.title) doc.setTitle(opts.title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  pages.forEach((lines, i) => {
    const page = doc.addPage([420, 600]);
    if (opts.header) page.drawText(opts.header, { x: 40, y: 570, size: 9, font });
    lines.forEach((line, n) => page.drawText(line, { x: 40, y: 530 - n * 15, size: 10, font }));
    if (opts.pageNumbers) page.drawText(String(i + 1), { x: 205, y: 25, size: 9, font });
  });
  return doc.save({ useObjectStreams: false });
}

/**
 * Test helper: marks a PDF as encrypted with an unknown user password by appending an incremental update
 * whose trailer points at a Standard security handler dictionary (pdf-lib cannot encrypt).
 */
export function encryptPdf(pdf: Uint8Array): Uint8Array {
  const text = new TextDecoder("latin1").decode(pdf);
  const prevXref = Number(text.match(/startxref\s+(\d+)\s+%%EOF\s*$/u)?.[1]);
  const trailer = text.slice(text.lastIndexOf("trailer"));
  const size = Number(trailer.match(/\/Size (\d+)/u)?.[1]);
  const root = trailer.match(/\/Root (\d+ \d+ R)/u)?.[1];
  if (!prevXref || !size || !root) throw new Error("encryptPdf: unexpected PDF layout");
  const hex = (byte: string) => `<${byte.repeat(32)}>`;
  const object = `${size} 0 obj\n<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex("ab")} /U ${hex("cd")} /P -44 >>\nendobj\n`;
  const objectOffset = pdf.length + 1;
  const xrefOffset = objectOffset + object.length;
  const update =
    `\n${object}xref\n${size} 1\n${String(objectOffset).padStart(10, "0")} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prevXref} /Encrypt ${size} 0 R /ID [${hex("01")} ${hex("01")}] >>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + update.length);
  out.set(pdf);
  out.set(new TextEncoder().encode(update), pdf.length);
  return out;
}
