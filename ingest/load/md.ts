import type { DocumentInterface } from "@langchain/core/documents";
import { stripInlineMarkup } from "../clean/markup.js";
import { CODE_MARK, headingLine, ROW_MARK } from "../text/structure-marks.js";
import { decodeText } from "./decode.js";
import { parseFrontMatter } from "./front-matter.js";

const FENCE = /^\s*(```|~~~)/u;
const RULE = /^\s*(?:[-*_]\s*){3,}$/u;
const SETEXT_UNDERLINE = /^\s*(=+|-+)\s*$/u;
const TABLE_DIVIDER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/u;
const TABLE_ROW = /^\s*\|.*\|\s*$/u;
const REFERENCE_DEFINITION = /^\s*\[[^\]]+\]:\s*\S+/u;
// Block prefixes: heading hashes, quote marks, list bullets and numbers.
const HEADING = /^\s*(#{1,6})\s+(.*?)\s*#*\s*$/u;
const QUOTE = /^\s*(?:>\s?)+/u;
// A link's destination may hold one level of parentheses: (https://en.wikipedia.org/wiki/Mercury_(planet)).
const DESTINATION = String.raw`\((?:[^()]|\([^()]*\))*\)`;
const IMAGE = new RegExp(String.raw`!\[([^\]]*)\]${DESTINATION}`, "gu");
const LINK = new RegExp(String.raw`\[([^\]]+)\](?:${DESTINATION}|\[[^\]]*\])`, "gu");
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/u;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!$|~<>"'])/gu;

/**
 * Markdown: markup syntax removed, text kept; headings (ATX and setext), fenced code and table rows are marked
 * (text/structure-marks.ts), list items become their own paragraphs. Front matter gives title, date, url and
 * further metadata.
 */
export function loadMd(bytes: Uint8Array, source: string): DocumentInterface[] {
  const { body, fields } = parseFrontMatter(decodeText(bytes, source));
  return [{ pageContent: markdownToText(body), metadata: { source, ...fields } }];
}

function markdownToText(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/u)) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      out.push("");
      continue;
    }
    if (inFence) out.push(CODE_MARK + line);
    else if (SETEXT_UNDERLINE.test(line) && isPlainLine(out.at(-1))) out[out.length - 1] = headingLine(line.includes("=") ? 1 : 2, out.at(-1)!);
    else out.push(...blockLine(line));
  }
  return out.join("\n");
}

/** A line of prose that a setext underline turns into a heading (not a list item, row or blank line). */
function isPlainLine(line: string | undefined): boolean {
  return line !== undefined && line.trim() !== "" && !/^[\uE001-\uE011]/u.test(line);
}

/** One Markdown line as text lines; "" marks a paragraph break. */
function blockLine(line: string): string[] {
  if (RULE.test(line) || TABLE_DIVIDER.test(line)) return [""];
  if (REFERENCE_DEFINITION.test(line)) return [];
  const heading = line.match(HEADING);
  if (heading) return ["", headingLine(heading[1]!.length, inline(heading[2] ?? "")), ""];
  const unquoted = line.replace(QUOTE, "");
  if (LIST_ITEM.test(unquoted)) return ["", inline(unquoted.replace(LIST_ITEM, ""))];
  if (TABLE_ROW.test(unquoted))
    return [
      ROW_MARK +
        inline(
          unquoted
            .replace(/^\s*\||\|\s*$/gu, "")
            .split("|")
            .map((c) => c.trim())
            .join(" | "),
        ),
    ];
  return [inline(unquoted)];
}

function inline(text: string): string {
  const plain = text
    .replace(IMAGE, "$1") // images keep their alt text
    .replace(LINK, "$1") // links keep their text
    .replace(/<((?:https?|mailto):[^>\s]+)>/gu, "$1") // autolinks
    .replace(/`+([^`]+?)`+/gu, "$1") // code spans
    .replace(/ {2,}$/u, ""); // hard-break markers
  return stripInlineMarkup(plain).replace(ESCAPE, "$1");
}
