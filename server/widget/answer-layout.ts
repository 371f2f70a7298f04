/**
 * An answer's text as blocks to render (no DOM here, so it is tested in node). Markers `[n]` naming a known
 * citation become `cite` pieces; a marker repeated by the next one of its block is dropped, so a paragraph
 * quoting one passage sentence after sentence shows its chip once, at the end.
 */
export type Inline = { kind: "text" | "strong" | "em" | "code"; text: string } | { kind: "cite"; ids: number[] };
export type Block = { kind: "p"; inlines: Inline[] } | { kind: "ul" | "ol"; items: Inline[][] } | { kind: "pre"; text: string };

const MARKER_RUN = /((?:\s*\[\d{1,3}\])+)/;

/**
 * The extractive composer's answer: verbatim sentences, each followed by its markers. Sentences citing the
 * same passages in a row form a paragraph; the text is never read as markdown (quotes stay as written), except
 * for the fenced code block a how-to answer shows after the sentence introducing it, which becomes a `pre`
 * block under that sentence's paragraph.
 */
export function layoutQuotes(answer: string, known: ReadonlySet<number>): Block[] {
  const parts = answer.split(MARKER_RUN);
  const paragraphs: { key: string; inlines: Inline[]; code?: string }[] = [];
  let carry = ""; // text of markers that name no citation, kept with what follows
  for (let i = 0; i < parts.length; i += 2) {
    const run = parts[i + 1] ?? "";
    const ids = idsOf(run, known);
    const { text, code } = unfence((carry + (parts[i] ?? "")).trim());
    carry = ids.length ? "" : `${carry}${parts[i] ?? ""}${run}`;
    if (!ids.length && i + 2 < parts.length) continue;
    if (!text && !ids.length) continue;
    const key = ids.join(",");
    const last = paragraphs.at(-1);
    // Punctuation after a marker ("… 5 percent [1].") ends the paragraph it follows; a code block ends it too.
    const joins = last && last.code === undefined && (last.key === key || /^[.,;:!?)]/.test(text));
    const into = joins ? last : (paragraphs.push({ key, inlines: [] }), paragraphs.at(-1)!);
    if (into.inlines.length && !/^[.,;:!?)]/.test(text)) into.inlines.push({ kind: "text", text: " " });
    if (text) into.inlines.push({ kind: "text", text });
    if (ids.length) into.inlines.push({ kind: "cite", ids });
    if (code !== undefined) into.code = code;
  }
  return paragraphs.flatMap((p): Block[] => [
    { kind: "p", inlines: compact(p.inlines) },
    ...(p.code === undefined ? [] : [{ kind: "pre" as const, text: p.code }]),
  ]);
}

// A Markdown code fence of three or more backticks, on lines of its own, closing the text before a marker.
const FENCED = /\n(`{3,})\n([\s\S]*?)\n\1$/u;

/** Text ending with a fenced code block: the text before it, and the code. */
function unfence(text: string): { text: string; code?: string } {
  const m = FENCED.exec(text);
  return m ? { text: text.slice(0, m.index).trim(), code: m[2]! } : { text };
}

/**
 * An LLM's answer: paragraphs, `-`/`*` and numbered lists, headings (as bold lines), **bold**, *emphasis*, `code`
 * and fenced code blocks (kept as written).
 */
export function layoutMarkdown(answer: string, known: ReadonlySet<number>): Block[] {
  const blocks: Block[] = [];
  let open: Exclude<Block, { kind: "pre" }> | undefined;
  let code: { fence: string; lines: string[] } | undefined;
  for (const line of answer.split("\n")) {
    const fence = /^\s*(`{3,})/.exec(line)?.[1];
    if (code) {
      if (fence && fence.length >= code.fence.length && !line.trim().slice(fence.length)) {
        blocks.push({ kind: "pre", text: code.lines.join("\n") });
        code = undefined;
      } else code.lines.push(line);
      continue;
    }
    if (fence) {
      code = { fence, lines: [] };
      open = undefined;
      continue;
    }
    const item = /^\s*(?:([-*+])|\d{1,3}[.)])\s+(.*)$/.exec(line);
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!line.trim()) open = undefined;
    else if (item) {
      const kind = item[1] ? "ul" : "ol";
      if (open?.kind !== kind) blocks.push((open = { kind, items: [] }));
      open.items.push(inlines(item[2] ?? "", known));
    } else if (heading) {
      blocks.push({ kind: "p", inlines: [{ kind: "strong", text: (heading[1] ?? "").trim() }] });
      open = undefined;
    } else if (open?.kind === "p") open.inlines = compact([...open.inlines, { kind: "text", text: " " }, ...inlines(line.trim(), known)]);
    else if (open && /^\s/.test(line)) open.items.push([...(open.items.pop() ?? []), { kind: "text", text: " " }, ...inlines(line.trim(), known)]);
    else blocks.push((open = { kind: "p", inlines: inlines(line.trim(), known) }));
  }
  // A fence the answer never closed (a cut stream) still shows its code.
  if (code) blocks.push({ kind: "pre", text: code.lines.join("\n") });
  return blocks;
}

const INLINE = /\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`|\*(?=\S)(.+?)\*|(?<!\w)_(?=\S)(.+?)_(?!\w)|((?:\s*\[\d{1,3}\])+)/g;

function inlines(text: string, known: ReadonlySet<number>): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const [whole, b1, b2, code, e1, e2, run] = m;
    const ids = run ? idsOf(run, known) : [];
    if (run && !ids.length) continue; // markers naming no citation stay as text
    out.push({ kind: "text", text: text.slice(last, m.index) });
    if (run) out.push({ kind: "cite", ids });
    else if (code) out.push({ kind: "code", text: code });
    else out.push({ kind: (b1 ?? b2) ? "strong" : "em", text: b1 ?? b2 ?? e1 ?? e2 ?? "" });
    last = m.index + whole.length;
  }
  out.push({ kind: "text", text: text.slice(last) });
  return compact(out.filter((p) => p.kind !== "text" || p.text));
}

function idsOf(run: string, known: ReadonlySet<number>): number[] {
  return [...new Set([...run.matchAll(/\d+/g)].map(Number))].filter((id) => known.has(id));
}

/** Drops a cite whose ids the next cite of the same block repeats. */
function compact(pieces: Inline[]): Inline[] {
  return pieces.filter((p, i) => {
    if (p.kind !== "cite") return true;
    const next = pieces.slice(i + 1).find((q) => q.kind === "cite");
    return !(next?.kind === "cite" && next.ids.join() === p.ids.join());
  });
}

/** The answer as a screen reader or a clipboard should get it: markers and markdown signs removed. */
export function plainAnswer(answer: string): string {
  return answer
    .replace(/\s*\[\d{1,3}\]/g, "")
    .replace(/\*\*|__|`/g, "")
    .trim();
}
