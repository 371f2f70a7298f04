/**
 * True when two words look like forms of one word: one is the other plus a short ending ("talk"/"talks",
 * "stop"/"stopped"), or they share at least five letters and neither goes on for more than three letters
 * past them ("negotiations"/"negotiating", "Ukraine"/"Ukrainian", "Zelensky"/"Zelenskiy"), or a verb of five
 * letters or more and its noun in -ance/-ence ("attend"/"attendance", "depend"/"dependence") or, ending in a silent
 * e, its -ing form ("write"/"writing": the e goes, so they share only four letters). Plurals are
 * compared in the singular too ("Ukrainians"/"Ukraine"). That keeps apart "accept"/"access", "supply"/"support",
 * "peace"/"peacekeepers", "state"/"statement" and "sent"/"sentence". Figures never match ("2014"/"2015").
 */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || /\d/u.test(a) || /\d/u.test(b)) return false;
  if (formsOfOne(a, b)) return true;
  const [sa, sb] = [singular(a), singular(b)];
  return (sa !== a || sb !== b) && sa.length >= 4 && sb.length >= 4 && formsOfOne(sa, sb);
}

function formsOfOne(a: string, b: string): boolean {
  if (silentE(a, b) || silentE(b, a)) return true;
  let p = 0;
  const n = Math.min(a.length, b.length);
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if ((p >= 5 || p === n) && a.length - p <= 3 && b.length - p <= 3) return true;
  return p === n && n >= 5 && NOUN_ENDING.test((a.length > b.length ? a : b).slice(p));
}

/** A verb of five letters or more ending in a silent e and its -ing form ("write"/"writing", "parse"/"parsing"). */
const silentE = (verb: string, form: string): boolean =>
  verb.length >= 5 && verb.endsWith("e") && form.length === verb.length + 2 && form.endsWith("ing") && form.startsWith(verb.slice(0, -1));

// -ance/-ence nouns name the act of their verb; -ment and -ion do not reliably ("state"/"statement").
const NOUN_ENDING = /^[ae]nces?$/u;

/** Harman's S-stemmer: "policies" → "policy", "forces" → "force", "talks" → "talk"; "-ss", "-us" and "-is" stay. */
export function singular(word: string): string {
  if (/[^ae]ies$/u.test(word)) return `${word.slice(0, -3)}y`;
  if (/[^aeo]es$/u.test(word)) return word.slice(0, -1);
  if (/[^usi]s$/u.test(word)) return word.slice(0, -1);
  return word;
}
