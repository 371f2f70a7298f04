import type { DocumentInterface } from "@langchain/core/documents";
import { CODE_MARK, headingLine, ROW_MARK } from "../text/structure-marks.js";
import { decodeText } from "./decode.js";

// "= Title", "== Section" … at the start of a line after a blank line (or the file's start).
const HEADING = /^(={1,6})\s+(\S.*?)\s*(?:=+\s*)?$/u;
// Listing (----) and literal (....) blocks hold code or preformatted text.
const DELIMITED = /^(?:-{4,}|\.{4,})$/u;
const TABLE_EDGE = /^\|={3,}$/u;
const ATTRIBUTE = /^:[\w-]+:/u;
const BLOCK_ATTRIBUTES = /^\[[^\]]*\]$/u; // [source,sh], [NOTE]

/** AsciiDoc (.adoc): headings, listing/literal blocks as code and table rows marked; attribute lines dropped. */
export function loadAsciiDoc(bytes: Uint8Array, source: string): DocumentInterface[] {
  return [{ pageContent: asciiDocToText(decodeText(bytes, source), true), metadata: { source } }];
}

/**
 * The text with its AsciiDoc structure marked (text/structure-marks.ts). `full: false` (plain .txt files) marks
 * only the headings, which plain text shares with AsciiDoc; the rest of the text is left as it is.
 */
export function asciiDocToText(text: string, full: boolean): string {
  if (!full && !/^=/mu.test(text)) return text; // no heading: nothing to mark
  const out: string[] = [];
  let block: "code" | "table" | null = null;
  let previous = "";
  for (const line of text.split(/\r?\n/u)) {
    const trimmed = line.trim();
    if (full && DELIMITED.test(trimmed) && block !== "table") {
      block = block === "code" ? null : "code";
      out.push("");
    } else if (block === "code") out.push(CODE_MARK + line);
    else if (full && TABLE_EDGE.test(trimmed)) {
      block = block === "table" ? null : "table";
      out.push("");
    } else if (block === "table") out.push(trimmed.startsWith("|") ? ROW_MARK + cells(trimmed) : line);
    else if (full && (ATTRIBUTE.test(trimmed) || BLOCK_ATTRIBUTES.test(trimmed))) out.push("");
    else {
      const heading = previous.trim() === "" ? trimmed.match(HEADING) : null;
      out.push(heading ? headingLine(heading[1]!.length, heading[2]!) : line);
    }
    previous = line;
  }
  return out.join("\n");
}

function cells(row: string): string {
  return row
    .slice(1)
    .split("|")
    .map((c) => c.trim())
    .join(" | ");
}
