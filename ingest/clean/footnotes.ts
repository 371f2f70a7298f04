/** Footnote markers glued into prose ("crisis.3", "conflict10 with", "Ukraine³"); real numbers stay. */

const SUPERSCRIPT_RUN = /(?<unit>\b(?:k?m|cm|mm|ft|in|mi|sq))?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu;
// 1–3 digits right after a word's closing punctuation: "security.2 Hegseth", "itself.11", "said”.4".
const AFTER_PUNCTUATION = /(?<=(?<![\p{L}\p{N}])(\p{L}{3,})["”’)\]]?[.,;:!?]["”’)\]]?)\d{1,3}(?=\s|$)/gu;
// 1–3 digits glued to a lowercase word: "conflict10 with". Uppercase codes (G7, F16, COVID19) stay.
const AFTER_WORD = /(?<=(?<![\p{L}\p{N}])\p{Lu}?\p{Ll}{3,})\d{1,3}(?=[\s.,;:!?)”’"]|$)/gu;
// Abbreviations that take a number after their period: "Vol.3", "Fig.2".
const NUMBERED_ABBREVIATIONS = new Set(["vol", "fig", "art", "sec", "chap", "tab", "eq", "ref", "nos", "pag"]);

export function stripFootnoteMarkers(line: string): string {
  return line
    .split(/(\s+)/u)
    .map((token) => (isAddress(token) ? token : stripToken(token)))
    .join("")
    .replace(/ {2,}/gu, " ")
    .trim();
}

function stripToken(token: string): string {
  return token
    .replace(SUPERSCRIPT_RUN, (run: string, unit?: string) => (unit ? run : ""))
    .replace(AFTER_PUNCTUATION, (digits: string, word: string) =>
      NUMBERED_ABBREVIATIONS.has(word.toLowerCase()) ? digits : "",
    )
    .replace(AFTER_WORD, "");
}

// URLs, e-mail addresses and handles carry digits that are not markers.
function isAddress(token: string): boolean {
  return /[/@]|www\.|\.\p{L}{2,}\d/u.test(token);
}
