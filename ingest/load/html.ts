import type { DocumentInterface } from "@langchain/core/documents";
import { Parser } from "htmlparser2";
import { decodeText } from "./decode.js";

// Elements whose content is never article text: code, styling, navigation and page chrome.
const SKIPPED = new Set(
  "script style noscript template svg canvas iframe object nav footer aside form button select head".split(" "),
);
const BLOCKS = new Set(
  "address article blockquote dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6 header hr li main ol p pre section summary table tbody thead tfoot tr ul".split(
    " ",
  ),
);
const CELLS = new Set(["td", "th"]);
const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** HTML: visible text only; block elements become paragraph breaks, entities decoded. */
export function loadHtml(bytes: Uint8Array, source: string): DocumentInterface[] {
  const { text, title } = htmlToText(decodeText(bytes, source));
  const metadata: Record<string, string> = title ? { source, title } : { source };
  return [{ pageContent: text, metadata }];
}

/** The visible text and the best title (first <h1>, else <title>). */
function htmlToText(html: string): { text: string; title: string } {
  const parts: string[] = [];
  const titles = { h1: "", title: "" };
  let skipDepth = 0;
  let pre = 0;
  let sup = 0;
  let capture: "h1" | "title" | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "title" && !titles.title) capture = "title";
        if (skipDepth > 0 || SKIPPED.has(name) || "hidden" in attrs || attrs["aria-hidden"] === "true") {
          skipDepth++;
          return;
        }
        if (name === "h1" && !titles.h1) capture = "h1";
        if (name === "pre") pre++;
        if (name === "sup") sup++;
        if (name === "br") parts.push("\n");
        else if (BLOCKS.has(name)) parts.push("\n\n");
        else if (CELLS.has(name)) parts.push(" ");
      },
      ontext(data) {
        if (capture) titles[capture] += data;
        if (skipDepth > 0) return;
        // Footnote markers in <sup> become superscript digits, which the footnote cleaner recognises.
        const text = sup > 0 && /^\s*\d+\s*$/u.test(data) ? toSuperscript(data.trim()) : data;
        parts.push(pre > 0 ? text : text.replace(/\s+/gu, " "));
      },
      onclosetag(name) {
        if (name === capture) capture = null;
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (name === "pre") pre--;
        if (name === "sup") sup--;
        if (BLOCKS.has(name)) parts.push("\n\n");
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  const text = parts
    .join("")
    .replace(/[ \t]*\n[ \t]*/gu, "\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
  return { text, title: titles.h1.replace(/\s+/gu, " ").trim() || pageTitle(titles.title) };
}

// "<title>Article headline | Site Name</title>": the headline without the site's suffix.
function pageTitle(title: string): string {
  const clean = title.replace(/\s+/gu, " ").trim();
  const headline = clean.split(/\s+[|–—-]\s+/u)[0] ?? clean;
  return headline.length >= 12 ? headline : clean;
}

function toSuperscript(digits: string): string {
  return [...digits].map((d) => SUPERSCRIPT_DIGITS[Number(d)] ?? d).join("");
}
