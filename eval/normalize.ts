/**
 * Text normalisation for eval matching: evidence against sources and chunks, facts against answers.
 * Only whitespace and quote styles are folded, so a "verbatim" match stays verbatim.
 */

const CURLY = /[‘’‚‛′]/gu;
const CURLY_DOUBLE = /[“”„‟″]/gu;

/** Collapses whitespace runs and folds curly quotes to straight ones; keeps case. */
export function normalizeText(text: string): string {
  return text.replace(CURLY, "'").replace(CURLY_DOUBLE, '"').replace(/\s+/gu, " ").trim();
}

/** For loose matching of short facts: normalizeText, lowercased, diacritics removed ("Fücks" → "fucks"). */
export function foldText(text: string): string {
  return normalizeText(text)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** True when `needle` occurs in `haystack` after normalizeText on both. */
export function containsVerbatim(haystack: string, needle: string): boolean {
  const n = normalizeText(needle);
  return n.length > 0 && normalizeText(haystack).includes(n);
}
