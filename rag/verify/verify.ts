import type { Citation } from "../../core/types.js";
import { splitSentences } from "../../ingest/index.js";
import { claimTermCount, supportScore } from "./support.js";

export { supportScore } from "./support.js";

export interface VerifyOptions {
  /** Support at or above which a passage backs a sentence. */
  minSupport?: number;
  /** How far the best passage must lead the runner-up before a broken marker is redirected to it. */
  repairMargin?: number;
  /** Sentences with fewer content terms are too thin to judge (e.g. "Yes."). */
  minTerms?: number;
}

export interface Verification {
  /** The answer with every marker pointing at an entry of `citations`, numbered 1..m by first use. */
  answer: string;
  /** Only the cited passages, renumbered to match the answer. */
  citations: Citation[];
  /** Sentences of `answer` (verbatim, markers included) that no cited or available passage supports. */
  unsupported: string[];
  /** Markers that pointed at no passage and were redirected to the passage that clearly supports their sentence. */
  repaired: number;
  /** Markers that pointed at no passage and were removed. */
  dropped: number;
}

// A run of adjacent markers with its leading space: " [1]", "[1, 2]", "[1][3]", "[2-4]", "[1; 2]".
const MARKER_RUN = /\s*(?:\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\])+/gu;
const MAX_RANGE = 10;

/**
 * Makes an LLM answer's markers trustworthy: every `[n]` must name a citation; broken ones are repaired
 * when one passage clearly supports the sentence and dropped otherwise; uncited citations go and the rest
 * are renumbered 1..m in text and list alike; sentences their passages do not support are reported.
 */
export function verifyCitations(answer: string, citations: Citation[], opts: VerifyOptions = {}): Verification {
  const { minSupport = 0.5, repairMargin = 0.15, minTerms = 2 } = opts;
  const markers = new MarkerResolver(citations, minSupport, repairMargin);
  const sentences = splitSentences(answer);
  const code = fencedBlocks(answer);
  const rewritten: Sentence[] = [];
  for (const span of sentences) {
    // Code quoted in a fenced block is no claim and holds no markers: `argv[1]` stays as written.
    if (code.some((b) => span.start >= b.start && span.end <= b.end)) {
      rewritten.push({ text: span.text, claim: "", cited: [] });
      continue;
    }
    const own = span.text.replace(MARKER_RUN, "").trim();
    // A sentence of bare markers ("… two hours. [2]") cites for the sentence before it.
    const owner = claimTermCount(own) === 0 ? rewritten.at(-1) : undefined;
    const cited: number[] = [];
    const text = span.text.replace(MARKER_RUN, (run) => markers.rewrite(run, owner?.claim ?? own, cited));
    if (owner) owner.cited.push(...cited);
    rewritten.push(owner ? { text: text.trim(), claim: "", cited: [] } : { text: text.trim(), claim: own, cited });
  }
  const unsupported = rewritten.filter(({ claim, cited }) => claimTermCount(claim) >= minTerms && !markers.supports(claim, cited)).map(({ text }) => text);
  return {
    answer: reassemble(answer, sentences, rewritten),
    citations: markers.used(),
    unsupported,
    repaired: markers.repaired,
    dropped: markers.dropped,
  };
}

interface Sentence {
  text: string;
  /** The sentence without markers; empty when its markers belong to the previous sentence. */
  claim: string;
  /** Original ids of the passages it cites. */
  cited: number[];
}

/** Resolves marker numbers to passages, repairing or dropping broken ones, and numbers them by first use. */
class MarkerResolver {
  repaired = 0;
  dropped = 0;
  private readonly byId: Map<number, Citation>;
  private readonly renumber = new Map<number, number>();

  constructor(
    private readonly citations: Citation[],
    private readonly minSupport: number,
    private readonly repairMargin: number,
  ) {
    this.byId = new Map(citations.map((c) => [c.id, c]));
  }

  /** The new text of one marker run; records the original ids it cites in `cited`. */
  rewrite(run: string, claim: string, cited: number[]): string {
    const ids: number[] = [];
    for (const n of markerNumbers(run)) {
      const id = this.byId.has(n) ? n : this.repair(claim);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    cited.push(...ids);
    if (ids.length === 0) return "";
    const lead = /^\s/u.test(run) ? " " : "";
    return lead + ids.map((id) => `[${this.newId(id)}]`).join("");
  }

  /** Cited claims need their passages (together) to back them; uncited ones need any passage to. */
  supports(claim: string, cited: number[]): boolean {
    const texts = cited.length ? [cited.map((id) => this.byId.get(id)!.text).join("\n")] : this.citations.map((c) => c.text);
    return texts.some((text) => supportScore(claim, text) >= this.minSupport);
  }

  used(): Citation[] {
    return [...this.renumber].map(([oldId, newId]) => ({ ...this.byId.get(oldId)!, id: newId }));
  }

  /** The passage that clearly supports the claim, if one does. */
  private repair(claim: string): number | undefined {
    const [first, second] = this.citations.map((c) => ({ id: c.id, score: supportScore(claim, c.text) })).sort((a, b) => b.score - a.score);
    const clear = first && first.score >= this.minSupport && (!second || first.score - second.score >= this.repairMargin);
    if (clear) this.repaired++;
    else this.dropped++;
    return clear ? first.id : undefined;
  }

  private newId(id: number): number {
    if (!this.renumber.has(id)) this.renumber.set(id, this.renumber.size + 1);
    return this.renumber.get(id)!;
  }
}

// A Markdown code fence: an opening line of three or more backticks (an info string may follow), through the closing one.
const FENCED_BLOCK = /^[ \t]*(`{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gmu;

/** Where the answer's fenced code blocks are, fences included. */
function fencedBlocks(answer: string): { start: number; end: number }[] {
  return [...answer.matchAll(FENCED_BLOCK)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The passage numbers in a marker run, ranges expanded ("[2-4]" → 2, 3, 4). */
function markerNumbers(run: string): number[] {
  const out: number[] = [];
  for (const group of run.matchAll(/\[([^\]]*)\]/gu)) {
    for (const part of group[1]!.split(/[,;]/u)) {
      const [from, to] = part.split(/[–-]/u).map((x) => Number.parseInt(x.trim(), 10));
      if (from === undefined || Number.isNaN(from)) continue;
      const last = to !== undefined && to >= from && to - from <= MAX_RANGE ? to : from;
      for (let n = from; n <= last; n++) out.push(n);
    }
  }
  return out;
}

/** Puts rewritten sentences back with the original whitespace and line breaks between them. */
function reassemble(original: string, spans: { start: number; end: number }[], texts: { text: string }[]): string {
  let out = "";
  let at = 0;
  spans.forEach((span, i) => {
    // A sentence left empty (only broken markers) takes its leading gap with it.
    const text = texts[i]!.text;
    if (text) out += original.slice(at, span.start) + text;
    at = span.end;
  });
  return (out + original.slice(at)).trim();
}
