import { isContentTerm } from "../../../ingest/index.js";
import { sameStem } from "../../terms/same-stem.js";
import type { ScoredSentence } from "./sentence-score.js";

/** Words that open a sentence carrying on from the one before: a pronoun for its subject, or a connective. */
const OPENERS = new Set(
  "it its he his she her they their them this these that those such instead however but yet still also moreover meanwhile furthermore alongside besides nevertheless nonetheless likewise similarly".split(
    " ",
  ),
);
/** The first tokens of a sentence, where its subject sits. */
const SUBJECT_SPAN = 6;
/** Sentences quoted after one picked sentence at most. */
const MAX_CHAIN = 2;

/**
 * The sentences that continue what a picked sentence is about, in the same paragraph: the next one opens
 * with a pronoun or connective ("Instead it sells …", "Alongside … will also be in attendance"), or names
 * near its start something the picked sentence (or its continuation so far) named ("… sanctions were
 * starting to take effect." → "The Russian economy is suffering from …"). The answer often sits there:
 * the picked sentence matched the question's words, the next one completes its point. Each must still
 * match the question somewhere; at most MAX_CHAIN follow one picked sentence.
 */
export function continuations(candidates: readonly ScoredSentence[], picked: readonly ScoredSentence[]): ScoredSentence[] {
  const quoted = new Set(picked.map((p) => p.sentence.quote));
  const out: ScoredSentence[] = [];
  for (const p of picked) {
    const topic = new Set(p.sentence.terms);
    let prev = p;
    for (let n = 0; n < MAX_CHAIN; n++) {
      const next = following(candidates, prev);
      if (!next || next.sentence.opensParagraph || next.coverage === 0 || quoted.has(next.sentence.quote)) break;
      if (!continuesFrom(topic, next)) break;
      quoted.add(next.sentence.quote);
      out.push(next);
      for (const t of next.sentence.terms) topic.add(t);
      prev = next;
    }
  }
  return out;
}

/**
 * The sentence right after `s` in its passage, or in another retrieved passage holding the same sentence:
 * overlapping chunks cut at different places, so the next sentence may only be in the other one.
 */
function following(candidates: readonly ScoredSentence[], s: ScoredSentence): ScoredSentence | undefined {
  const copies = candidates.filter((c) => c.sentence.quote === s.sentence.quote);
  for (const copy of [s, ...copies.filter((c) => c !== s)]) {
    let next: ScoredSentence | undefined;
    for (const c of candidates) {
      if (c.hit !== copy.hit || c.sentence.start < copy.sentence.end) continue;
      if (!next || c.sentence.start < next.sentence.start) next = c;
    }
    if (next) return next;
  }
  return undefined;
}

function continuesFrom(topic: ReadonlySet<string>, next: ScoredSentence): boolean {
  const head = next.sentence.tokens.slice(0, SUBJECT_SPAN);
  if (OPENERS.has(head[0] ?? "")) return true;
  return head.some((t) => isContentTerm(t) && [...topic].some((u) => sameStem(t, u)));
}
