/**
 * The local analyzer's terms as words PostgreSQL's parser keeps whole: a term's characters other than letters and
 * digits become "x" and their hex code (`max_workers` → "maxx5fworkers", `3.11` → "3x2e11"), so the `simple`
 * configuration indexes exactly the terms the local BM25 does, one lexeme each, duplicates counted.
 */
export function encodeTerms(terms: readonly string[]): string {
  return terms.map(encodeTerm).join(" ");
}

export function encodeTerm(term: string): string {
  return term.replace(/[^\p{L}\p{N}]/gu, (c) => `x${c.codePointAt(0)!.toString(16)}`);
}
