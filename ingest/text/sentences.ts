/** Sentence boundaries with offsets, shared by the chunker and the extractive composer. */

export interface Span {
  text: string;
  start: number;
  end: number;
}

// Words that end with a period without ending a sentence.
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof sr jr st gen col lt sgt capt gov sen rep pres vs etc e.g i.e u.s u.k u.n e.u no approx fig jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept est".split(
    " ",
  ),
);

// A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s+)/gu;

/** Splits text into sentences; a line break always ends one (cleaning has already unwrapped PDF lines). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  for (const para of paragraphs(text)) {
    let from = para.start;
    for (const m of para.text.matchAll(BOUNDARY)) {
      const end = para.start + m.index + m[0].length;
      if (!endsSentence(text, from, para.start + m.index, end)) continue;
      pushTrimmed(spans, text, from, end);
      from = end;
    }
    pushTrimmed(spans, text, from, para.end);
  }
  return spans;
}

// The first character after the whitespace that follows a boundary (sticky: read at the boundary only).
const NEXT_CHAR = /\s+(\S)/uy;
const SPACE = /\s/u;

function endsSentence(text: string, from: number, punct: number, end: number): boolean {
  NEXT_CHAR.lastIndex = end;
  const next = NEXT_CHAR.exec(text)?.[1];
  if (!next || !/[\p{Lu}\p{N}"“‘'(\[]/u.test(next)) return false;
  if (text[punct] !== ".") return true;
  const word = lastWord(text, from, punct).toLowerCase();
  if (ABBREVIATIONS.has(word.replace(/^["“(]/u, ""))) return false;
  // Initials and dotted acronyms ("J.", "U.S.") rarely end a sentence.
  return !/^(?:\p{L}\.)*\p{L}$/u.test(word);
}

/** The run of non-space characters that ends at `end` (not before `from`); scanned backwards, so it costs a word, not a sentence. */
function lastWord(text: string, from: number, end: number): string {
  let start = end;
  while (start > from && !SPACE.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/\s*\n\s*/gu)) {
    out.push({ text: text.slice(start, m.index), start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start, end: text.length });
  return out;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  if (body) spans.push({ text: body, start: start + lead, end: start + lead + body.length });
}
