/** Footnote markers glued into prose ("crisis.3", "conflict10 with", "Ukraine³"); real numbers stay. */

const SUPERSCRIPT_RUN = /(\b(?:k?m|cm|mm|km|ft|in|mi|sq))?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu;
// 1–3 digits right after a word's closing punctuation: "security.2 Hegseth", "itself.11", "said”.4".
const AFTER_PUNCTUATION = /(?<=(?<![\p{L}\p{N}])(\p{L}{3,})["”’)\]]?[.,;:!?]["”’)\]]?)\d{1,3}(?=\s|$)/gu;
// 1–3 digits glued to a lowercase word: "conflict10 with". Uppercase codes (G7, F16, COVID19) stay.
const AFTER_WORD = /(?<=(?<![\p{L}\p{N}])\p{Lu}?\p{Ll}{3,})\d{1,3}(?=[\s.,;:!?)”’"]|$)/gu;
// Abbreviations that take a number after their period: "Vol.3", "Fig.2".
const NUMBERED_ABBREVIATIONS = new Set(["vol", "fig", "art", "sec", "chap", "tab", "eq", "ref", "nos", "pag"]);
// Cheap tests that rule a line out before the costlier lookbehind patterns run.
const MAYBE_MARKER = /[\d⁰¹²³⁴⁵⁶⁷⁸⁹]/u;
const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/u;
const DIGIT_AFTER_PUNCTUATION = /[.,;:!?"”’)\]]\d/u;
const DIGIT_AFTER_LOWERCASE = /\p{Ll}\d/u;

export function stripFootnoteMarkers(line: string): string {
  if (!MAYBE_MARKER.test(line)) return line;
  let stripped = SUPERSCRIPT.test(line)
    ? line.replace(SUPERSCRIPT_RUN, (run: string, unit: string | undefined, at: number) => (unit || inAddress(line, at) ? run : ""))
    : line;
  if (DIGIT_AFTER_PUNCTUATION.test(stripped)) {
    stripped = stripped.replace(AFTER_PUNCTUATION, (digits: string, word: string, at: number, text: string) =>
      NUMBERED_ABBREVIATIONS.has(word.toLowerCase()) || inAddress(text, at) ? digits : "",
    );
  }
  if (DIGIT_AFTER_LOWERCASE.test(stripped)) {
    stripped = stripped.replace(AFTER_WORD, (digits: string, at: number, text: string) =>
      inAddress(text, at) ? digits : "",
    );
  }
  return stripped === line ? line : stripped.replace(/ {2,}/gu, " ").trim();
}

// URLs, e-mail addresses and handles carry digits that are not markers.
function inAddress(text: string, at: number): boolean {
  const start = text.lastIndexOf(" ", at) + 1;
  const end = text.indexOf(" ", at);
  return /[/@]|www\./u.test(text.slice(start, end < 0 ? text.length : end));
}
