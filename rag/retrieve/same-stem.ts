/**
 * True when two words look like forms of one word: one is the other plus a short ending ("talk"/"talks",
 * "stop"/"stopped"), or they share at least five letters and neither goes on for more than three letters
 * past them ("negotiations"/"negotiating", "Ukraine"/"Ukrainian", "Zelensky"/"Zelenskiy"), or a verb of five
 * letters or more and its noun in -ance/-ence ("attend"/"attendance", "depend"/"dependence"). That keeps apart
 * "accept"/"access", "supply"/"support", "peace"/"peacekeepers", "state"/"statement" and "sent"/"sentence".
 * Figures never match ("2014"/"2015").
 */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || /\d/u.test(a) || /\d/u.test(b)) return false;
  let p = 0;
  const n = Math.min(a.length, b.length);
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if ((p >= 5 || p === n) && a.length - p <= 3 && b.length - p <= 3) return true;
  return p === n && n >= 5 && NOUN_ENDING.test((a.length > b.length ? a : b).slice(p));
}

// -ance/-ence nouns name the act of their verb; -ment and -ion do not reliably ("state"/"statement").
const NOUN_ENDING = /^[ae]nces?$/u;
