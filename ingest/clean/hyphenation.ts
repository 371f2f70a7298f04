/** Words broken across lines by layout ("nego-\ntiations"), rejoined; real compounds ("well-known") keep the hyphen. */

const BROKEN_END = /(\p{L}+)-$/u;
const NEXT_WORD = /^(\p{L}[\p{L}'’]*)([-–—]?)/u;
// Prefixes that usually form hyphenated compounds; used only when the document itself does not settle the case.
const COMPOUND_PREFIXES = new Set(["self", "well", "non", "half", "cross", "anti", "semi"]);

/** The lowercase words of a text, hyphenated compounds included, to settle how a broken word is spelled. */
export function vocabulary(lines: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const m of line.toLowerCase().matchAll(/\p{L}+(?:-\p{L}+)*/gu)) words.add(m[0]);
  return words;
}

/** Moves the rest of a broken word up to the line that ends with "-"; line lengths stay close to the layout. */
export function joinHyphenatedLines(lines: string[], words: ReadonlySet<string>): string[] {
  const out = [...lines];
  for (let i = 0; i + 1 < out.length; i++) {
    const head = out[i]?.match(BROKEN_END)?.[1];
    const next = out[i + 1] ?? "";
    const tail = next.match(NEXT_WORD);
    if (!head || !tail?.[1]) continue;
    const rest = next.slice(tail[0].length).trim();
    const keepHyphen = /^\p{Lu}/u.test(tail[1]) || isCompound(head, tail[1], words);
    out[i] = `${out[i]?.slice(0, -1)}${keepHyphen ? "-" : ""}${tail[0]}`;
    out[i + 1] = rest;
    if (!rest) out.splice(i + 1, 1);
  }
  return out;
}

function isCompound(head: string, tail: string, words: ReadonlySet<string>): boolean {
  const lower = head.toLowerCase();
  const joined = lower + tail.toLowerCase();
  if (words.has(joined)) return false;
  if (words.has(`${lower}-${tail.toLowerCase()}`)) return true;
  return COMPOUND_PREFIXES.has(lower);
}
