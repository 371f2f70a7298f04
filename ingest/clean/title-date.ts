import { isBoilerplate } from "./boilerplate.js";

/** A document's title (first meaningful paragraph, or file metadata) and the publication date it states. */

const MONTHS = "january february march april may june july august september october november december".split(" ");
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const ISO = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const DAY_MONTH_YEAR = String.raw`(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?\s+(\d{4})`;
const MONTH_DAY_YEAR = String.raw`${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`;
const DATE = `(?:${ISO}|${DAY_MONTH_YEAR}|${MONTH_DAY_YEAR})`;
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
// "Published: 14 Feb 2025", "(This article was first published on 17 December 2025)", at a paragraph's start.
const DATE_STATEMENT = new RegExp(
  String.raw`^\(?(?:(?:this|the) (?:article|story|post|piece) was )?(?:first |originally |last )?(?:dated?|published|posted|released|updated)(?:\s+on)?\s*:?\s*${WEEKDAY}(${DATE})`,
  "iu",
);
// A paragraph that is only a date (a dateline under the title, or the date under a signature).
const DATE_LINE = new RegExp(String.raw`^\(?${WEEKDAY}${DATE}\)?\.?$`, "iu");
// A date label glued in front of the title: " date 2025-02-13 Trump's Phone Call…".
const DATE_PREFIX = new RegExp(String.raw`^(?:dated?|published)\s*:?\s*${DATE}\s+(?=\S)`, "iu");
const MAX_TITLE = 160;

export interface TitleDate {
  title: string;
  date: string | null;
  /** The first paragraph without a date label glued to its front. */
  firstParagraph: string;
}

/** `metadata` are the loader's fallbacks (PDF info, HTML <h1>, Markdown front matter), used when the text says nothing. */
export function extractTitleDate(paragraphs: string[], metadata: { title?: string; date?: string }): TitleDate {
  const first = paragraphs[0] ?? "";
  const label = first.match(DATE_PREFIX);
  const firstParagraph = label ? first.slice(label[0].length) : first;
  const date = (label && parseDate(label[0])) ?? statedDate(paragraphs) ?? parseDate(metadata.date ?? "");
  const title = usableMetaTitle(metadata.title) ?? firstMeaningful([firstParagraph, ...paragraphs.slice(1)]) ?? "";
  return { title, date, firstParagraph };
}

/** The first date statement, else the first date-only paragraph. */
function statedDate(paragraphs: string[]): string | null {
  for (const p of paragraphs) {
    const m = p.match(DATE_STATEMENT);
    if (m?.[1]) return parseDate(m[1]);
  }
  const line = paragraphs.find((p) => DATE_LINE.test(p));
  return line ? parseDate(line) : null;
}

/** The first date in `text` as YYYY-MM-DD, or null when there is none or it does not exist in the calendar. */
export function parseDate(text: string): string | null {
  const m = text.match(new RegExp(DATE, "iu"));
  if (!m) return null;
  const [y, mo, d] = m[1]
    ? [m[1], m[2], m[3]].map(Number)
    : m[4]
      ? [Number(m[6]), monthNumber(m[5]), Number(m[4])]
      : [Number(m[9]), monthNumber(m[7]), Number(m[8])];
  if (!y || !mo || !d) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : null;
}

function monthNumber(name: string | undefined): number {
  const prefix = (name ?? "").toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(prefix)) + 1;
}

// Producer defaults such as "Untitled" or "Microsoft Word - report.docx" are not titles.
function usableMetaTitle(title: string | undefined): string | undefined {
  const t = title?.replace(/\s+/gu, " ").trim();
  if (!t || /^(?:untitled|microsoft \w+ - |document\d*$)|\.(?:docx?|pdf|indd|tex|odt)$/iu.test(t)) return undefined;
  return t;
}

/** The first paragraph that is neither boilerplate, a date, a byline nor a bare number; long ones are cut. */
function firstMeaningful(paragraphs: string[]): string | undefined {
  const p = paragraphs.find((x) => /\p{L}{2}/u.test(x) && !DATE_LINE.test(x) && !/^by\s+\p{Lu}/u.test(x) && !isBoilerplate(x));
  if (!p || p.length <= MAX_TITLE) return p;
  const cut = p.slice(0, MAX_TITLE);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : MAX_TITLE)}…`;
}
