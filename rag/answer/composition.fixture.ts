import assert from "node:assert/strict";
import type { Composition } from "../../core/types.js";
import { defuseDocumentMarkers } from "./document-markers.js";

/** Every [n] resolves to a citation, every citation is referenced, ids are 1..m in order of first use. */
export function assertCitationsConsistent(c: Composition): void {
  const firstUse = [...new Set([...c.answer.matchAll(/\[(\d+)\]/gu)].map((m) => Number(m[1])))];
  assert.deepEqual(
    c.citations.map((x) => x.id),
    firstUse,
  );
  assert.deepEqual(
    firstUse,
    firstUse.map((_, i) => i + 1),
  );
}

/** Each quoted sentence (the text before its marker) occurs verbatim, whitespace and defused brackets aside, in the passage it cites. */
export function assertVerbatim(c: Composition): void {
  const parts = [...c.answer.matchAll(/\s*(.+?)\s*\[(\d+)\]/gu)];
  assert.ok(parts.length > 0, "the answer quotes at least one sentence");
  for (const [, sentence, id] of parts) {
    const passage = defuseDocumentMarkers(c.citations.find((x) => x.id === Number(id))!.text).replace(/\s+/gu, " ");
    assert.ok(passage.includes(sentence!), `"${sentence}" is quoted verbatim from passage ${id}`);
  }
}
