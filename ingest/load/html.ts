import type { DocumentInterface } from "@langchain/core/documents";
import { Parser } from "htmlparser2";
import { CODE_MARK, headingLine, ROW_MARK } from "../text/structure-marks.js";
import { decodeText } from "./decode.js";

// Elements whose content is never article text: code, styling, navigation and page chrome.
const SKIPPED = new Set("script style noscript template svg canvas iframe object nav footer aside form button select head".split(" "));
const BLOCKS = new Set(
  "address article blockquote dd details div dl figcaption figure header hr li main ol p section summary table tbody thead tfoot ul".split(" "),
);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const CELLS = new Set(["td", "th"]);
const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
// Permalink signs that documentation generators append to headings ("Built-in Functions¶").
const PERMALINK_SIGNS = /[\s¶§#🔗]+$/u;

/**
 * HTML: visible text only; block elements become paragraph breaks, entities decoded. Headings (h1–h6, and
 * definition terms as one level below the heading they are under), code blocks (pre) and table rows are marked
 * for cleaning and chunking (text/structure-marks.ts). `<link rel="canonical">` gives the document's url.
 */
export function loadHtml(bytes: Uint8Array, source: string): DocumentInterface[] {
  const page = htmlToText(decodeText(bytes, source));
  const metadata: Record<string, string> = { source };
  if (page.title) metadata["title"] = page.title;
  if (page.url) metadata["url"] = page.url;
  return [{ pageContent: page.text, metadata }];
}

interface HtmlText {
  text: string;
  title: string;
  url: string;
}

/** The visible text, the best title (first <h1>, else <title>) and the canonical url. */
function htmlToText(html: string): HtmlText {
  const parts: string[] = [];
  const titles = { h1: "", title: "" };
  let url = "";
  let skipDepth = 0;
  let pre = 0;
  let sup = 0;
  let row = 0;
  let cellsInRow = 0;
  let lists = 0; // open <dl> elements: a <dt> is a heading one level below the section it is in, per level of nesting
  let sectionLevel = 0;
  let heading: { tag: string; level: number; text: string } | null = null;
  let capture: "h1" | "title" | null = null;
  const push = (s: string) => (heading ? (heading.text += s) : parts.push(s));
  const breakBlock = () => push(row > 0 ? " " : "\n\n");
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "title" && !titles.title) capture = "title";
        if (name === "link" && /(?:^|\s)canonical(?:\s|$)/iu.test(attrs["rel"] ?? "") && attrs["href"] && !url) url = attrs["href"].trim();
        if (skipDepth > 0 || SKIPPED.has(name) || "hidden" in attrs || attrs["aria-hidden"] === "true") {
          skipDepth++;
          return;
        }
        if (name === "h1" && !titles.h1) capture = "h1";
        if (name === "sup") sup++;
        if (name === "dl") lists++;
        if ((HEADINGS.has(name) || name === "dt") && !heading && pre === 0) {
          const level = name === "dt" ? sectionLevel + lists : Number(name[1]);
          if (name !== "dt") sectionLevel = level;
          heading = { tag: name, level, text: "" };
        } else if (name === "pre") {
          if (pre++ === 0) parts.push(`\n\n${CODE_MARK}`);
        } else if (name === "tr") {
          row++;
          cellsInRow = 0;
          parts.push(`\n\n${ROW_MARK}`);
        } else if (CELLS.has(name)) {
          if (row === 0) push(" ");
          else if (cellsInRow++ > 0) push(" | ");
        } else if (name === "br") push(pre > 0 ? `\n${CODE_MARK}` : row > 0 || heading ? " " : "\n");
        else if (BLOCKS.has(name)) breakBlock();
      },
      ontext(data) {
        if (capture) titles[capture] += data;
        if (skipDepth > 0) return;
        if (pre > 0) return push(data.replace(/\r?\n/gu, `\n${CODE_MARK}`));
        // Footnote markers in <sup> become superscript digits, which the footnote cleaner recognises.
        const text = sup > 0 && /^\s*\d+\s*$/u.test(data) ? toSuperscript(data.trim()) : data;
        push(text.replace(/\s+/gu, " "));
      },
      onclosetag(name) {
        if (name === capture) capture = null;
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (name === "sup") sup--;
        if (name === "dl") lists = Math.max(0, lists - 1);
        if (heading && name === heading.tag) {
          const text = heading.text.replace(/\s+/gu, " ").replace(PERMALINK_SIGNS, "").trim();
          parts.push(text ? `\n\n${headingLine(heading.level, text)}\n\n` : "\n\n");
          heading = null;
        } else if (name === "pre") {
          if (--pre === 0) parts.push("\n\n");
        } else if (name === "tr") {
          row = Math.max(0, row - 1);
          parts.push("\n\n");
        } else if (BLOCKS.has(name)) breakBlock();
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { text: tidyText(parts.join("")), title: cleanTitle(titles.h1) || pageTitle(titles.title), url };
}

function tidyText(text: string): string {
  return text
    .replace(/[ \t]*\n[ \t]*/gu, "\n")
    .replace(new RegExp(`${CODE_MARK}(?:\\s*\\n${CODE_MARK})*\\s*(?=\\n\\n|$)`, "gu"), (run) => (run.trim() === CODE_MARK ? "" : run)) // code blocks with no code
    .replace(new RegExp(`(?<=^|\\n\\n)${CODE_MARK}\\n(?=${CODE_MARK})`, "gu"), "") // a leading empty line of code
    .replace(new RegExp(`\\n${CODE_MARK}(?=\\n\\n|$)`, "gu"), "") // a trailing empty line of code
    .replace(new RegExp(`(?<=^|\\n)${ROW_MARK}\\s*(?=\\n|$)`, "gu"), "") // rows with no text
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}

function cleanTitle(text: string): string {
  return text.replace(/\s+/gu, " ").replace(PERMALINK_SIGNS, "").trim();
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
