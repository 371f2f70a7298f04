/**
 * Footnote markers glued into prose ("crisis.3", "conflict10 with", "Ukraine³"). A number is a marker only when
 * the document has the footnote it points to; without one it is part of the text ("int4", "utf8", "expl3").
 */

const SUPERSCRIPT_RUN = /(\b(?:k?m|cm|mm|km|ft|in|mi|sq))?([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/gu;
// 1–3 digits right after a word's closing punctuation: "security.2 Hegseth", "itself.11", "said”.4".
const AFTER_PUNCTUATION = /(?<=(?<![\p{L}\p{N}])(\p{L}{3,})["”’)\]]?[.,;:!?]["”’)\]]?)\d{1,3}(?=\s|$)/gu;
// 1–3 digits glued to a lowercase word: "conflict10 with". Uppercase codes (G7, F16, COVID19) stay.
const AFTER_WORD = /(?<=(?<![\p{L}\p{N}_.\-/\\])\p{Lu}?\p{Ll}{3,})\d{1,3}(?=[\s.,;:!?)”’"]|$)/gu;
// Abbreviations that take a number after their period: "Vol.3", "Fig.2".
const NUMBERED_ABBREVIATIONS = new Set(["vol", "fig", "art", "sec", "chap", "tab", "eq", "ref", "nos", "pag"]);
const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
// Cheap tests that rule a line out before the costlier lookbehind patterns run.
const MAYBE_MARKER = /[\d⁰¹²³⁴⁵⁶⁷⁸⁹]/u;
const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/u;
const DIGIT_AFTER_PUNCTUATION = /[.,;:!?"”’)\]]\d/u;
const DIGIT_AFTER_LOWERCASE = /\p{Ll}\d/u;
const BARE_WORD = /(?<![\p{L}\p{N}_])\p{L}{3,}(?![\p{L}\p{N}_])/gu;
const GLUED_TOKEN = /(?<![\p{L}\p{N}_.\-/\\])\p{Lu}?\p{Ll}{3,}\d{1,3}(?![\p{L}\p{N}_])/gu;

/**
 * Strips the markers of one document. `notes` are the numbers of the footnotes the document has; `lines` gives its
 * running text (read only when needed), used to tell a marker glued to a word ("conflict10", once) from a name that recurs ("int4").
 */
export class FootnoteMarkers {
  private glued: Map<string, number> | undefined;
  private words: Set<string> | undefined;

  constructor(
    private readonly notes: ReadonlySet<number>,
    private readonly lines: () => Iterable<string>,
  ) {}

  strip(line: string): string {
    if (this.notes.size === 0 || !MAYBE_MARKER.test(line)) return line;
    let stripped = SUPERSCRIPT.test(line)
      ? line.replace(SUPERSCRIPT_RUN, (run: string, unit: string | undefined, digits: string, at: number) =>
          unit || inAddress(line, at) || !this.notes.has(superscriptValue(digits)) ? run : "",
        )
      : line;
    if (DIGIT_AFTER_PUNCTUATION.test(stripped)) {
      stripped = stripped.replace(AFTER_PUNCTUATION, (digits: string, word: string, at: number, text: string) =>
        NUMBERED_ABBREVIATIONS.has(word.toLowerCase()) || inAddress(text, at) || !this.notes.has(Number(digits)) ? digits : "",
      );
    }
    if (DIGIT_AFTER_LOWERCASE.test(stripped)) {
      stripped = stripped.replace(AFTER_WORD, (digits: string, at: number, text: string) =>
        inAddress(text, at) || !this.notes.has(Number(digits)) || !this.isMarkedWord(tokenEndingAt(text, at + digits.length), digits) ? digits : "",
      );
    }
    return stripped === line ? line : stripped.replace(/ {2,}/gu, " ").trim();
  }

  /**
   * A word+number token is a word with a marker when it occurs once (a note is marked once; "int4" recurs) and the
   * word occurs on its own elsewhere in the document ("conflict", but no "sparcv" beside "sparcv9").
   */
  private isMarkedWord(token: string, digits: string): boolean {
    if (!this.glued || !this.words) {
      this.glued = new Map();
      this.words = new Set();
      for (const l of this.lines()) {
        for (const m of l.matchAll(GLUED_TOKEN)) this.glued.set(m[0], (this.glued.get(m[0]) ?? 0) + 1);
        for (const m of l.matchAll(BARE_WORD)) this.words.add(m[0].toLowerCase());
      }
    }
    if ((this.glued.get(token) ?? 0) > 1) return false;
    const word = token.slice(0, -digits.length).toLowerCase();
    return this.words.has(word) || this.hasInflection(word);
  }

  /** "limited3" where only "limit" or "limits" stands alone: a long word's stem (all but its last two letters) does. */
  private hasInflection(word: string): boolean {
    if (word.length < 6) return false;
    const stem = word.slice(0, -2);
    for (const w of this.words!) if (w.length >= stem.length && w.length <= word.length + 1 && w.startsWith(stem)) return true;
    return false;
  }
}

function superscriptValue(digits: string): number {
  return Number([...digits].map((d) => SUPERSCRIPT_DIGITS.indexOf(d)).join(""));
}

function tokenEndingAt(text: string, end: number): string {
  let start = end;
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

// URLs, e-mail addresses and handles carry digits that are not markers.
function inAddress(text: string, at: number): boolean {
  const start = text.lastIndexOf(" ", at) + 1;
  const end = text.indexOf(" ", at);
  return /[/@]|www\./u.test(text.slice(start, end < 0 ? text.length : end));
}
