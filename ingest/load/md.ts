import type { DocumentInterface } from "@langchain/core/documents";
import { stripInlineMarkup } from "../clean/markup.js";
import { decodeText } from "./decode.js";

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/u;
const FENCE = /^\s*(```|~~~)/u;
const RULE = /^\s*(?:[-*_]\s*){3,}$/u;
const SETEXT_UNDERLINE = /^\s*(?:=+|-+)\s*$/u;
const TABLE_DIVIDER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/u;
const REFERENCE_DEFINITION = /^\s*\[[^\]]+\]:\s*\S+/u;
// Block prefixes: heading hashes, quote marks, list bullets and numbers.
const HEADING = /^\s*#{1,6}\s+(.*?)\s*#*\s*$/u;
const QUOTE = /^\s*(?:>\s?)+/u;
// A link's destination may hold one level of parentheses: (https://en.wikipedia.org/wiki/Mercury_(planet)).
const DESTINATION = String.raw`\((?:[^()]|\([^()]*\))*\)`;
const IMAGE = new RegExp(String.raw`!\[([^\]]*)\]${DESTINATION}`, "gu");
const LINK = new RegExp(String.raw`\[([^\]]+)\](?:${DESTINATION}|\[[^\]]*\])`, "gu");
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/u;

/** Markdown: markup syntax removed, text kept; headings and list items become their own paragraphs. */
export function loadMd(bytes: Uint8Array, source: string): DocumentInterface[] {
  const raw = decodeText(bytes, source);
  const front = raw.match(FRONT_MATTER);
  const body = front ? raw.slice(front[0].length) : raw;
  const metadata: Record<string, string> = { source, ...frontMatterFields(front?.[1] ?? "") };
  return [{ pageContent: markdownToText(body), metadata }];
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
    if (inFence) out.push(line);
    else out.push(...blockLine(line));
  }
  return out.join("\n");
}

/** One Markdown line as text lines; "" marks a paragraph break. */
function blockLine(line: string): string[] {
  if (RULE.test(line) || SETEXT_UNDERLINE.test(line) || TABLE_DIVIDER.test(line)) return [""];
  if (REFERENCE_DEFINITION.test(line)) return [];
  const heading = line.match(HEADING);
  if (heading) return ["", inline(heading[1] ?? ""), ""];
  const unquoted = line.replace(QUOTE, "");
  if (LIST_ITEM.test(unquoted)) return ["", inline(unquoted.replace(LIST_ITEM, ""))];
  if (/^\s*\|.*\|\s*$/u.test(unquoted)) return [inline(unquoted.replace(/^\s*\||\|\s*$/gu, "").replace(/\s*\|\s*/gu, " "))];
  return [inline(unquoted)];
}

function inline(text: string): string {
  const plain = text
    .replace(IMAGE, "$1") // images keep their alt text
    .replace(LINK, "$1") // links keep their text
    .replace(/<((?:https?|mailto):[^>\s]+)>/gu, "$1") // autolinks
    .replace(/`+([^`]+?)`+/gu, "$1") // code spans
    .replace(/ {2,}$/u, ""); // hard-break markers
  return stripInlineMarkup(plain);
}

/** `title:` and `date:` from YAML front matter, when the file has them. */
function frontMatterFields(yaml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of ["title", "date"]) {
    const value = yaml.match(new RegExp(`^${key}:\\s*["']?(.+?)["']?\\s*$`, "mu"))?.[1];
    if (value) fields[key] = value;
  }
  return fields;
}
