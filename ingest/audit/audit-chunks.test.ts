import assert from "node:assert/strict";
import { it } from "node:test";
import type { Chunk } from "../../core/types.js";
import { auditChunks, formatAudit } from "./audit-chunks.js";

const chunk = (source: string, n: number, text: string, section?: string): Chunk => ({
  id: `${source}#${n}`,
  source,
  title: source,
  page: null,
  date: null,
  start: 0,
  end: text.length,
  text,
  ...(section ? { section } : {}),
});

it("auditChunks · navigation in every document, a page number, a lost digit, a bracketed number, no section · each counted with examples", () => {
  const chunks = ["a", "b", "c", "d"].map((s, i) =>
    chunk(`${s}.html`, 0, `Prev Up Home Next\nText of ${s} with int${i + 1} columns.`, i < 3 ? "Guide" : undefined),
  );
  chunks.push(chunk("a.html", 1, "More text, see package[17].\n12", "Guide"));
  const sources = new Map([["a.html", "Prev Up Home Next Text of a with int1 columns and utf8 text."]]);
  const audit = auditChunks(chunks, sources);
  assert.deepEqual(
    [
      audit.documents,
      audit.chunks,
      audit.repeatedLines.count,
      audit.pageNumberLines.count,
      audit.changedTokens.count,
      audit.bracketedNumbers.count,
      audit.withoutSection.count,
    ],
    [4, 5, 1, 1, 1, 1, 1],
  );
  assert.match(audit.repeatedLines.examples[0]!, /"Prev Up Home Next" \(4 documents\)/u);
  assert.match(audit.changedTokens.examples[0]!, /^utf8 \(a\.html\)$/u);
  assert.match(formatAudit(audit, "docs"), /chunks without a section\s+1 of 5 chunks/u);
});
