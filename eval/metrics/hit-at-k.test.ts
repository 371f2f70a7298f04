import assert from "node:assert/strict";
import { test } from "node:test";
import { evidenceRank, hitAtK } from "./hit-at-k.js";

const P = (source: string, text: string) => ({ source, text });
const list = [P("a", "Nothing here."), P("b", "He said “the war\n  is over” on Tuesday."), P("c", "Prices rose 8% in May.")];

test("evidenceRank · evidence split across lines and with straight quotes · found at rank 2", () => {
  assert.equal(evidenceRank(list, ['the war is over"'], "any"), 2);
});

test("hitAtK · evidence at rank 2 · hit@1 is 0, hit@2 is 1", () => {
  const rank = evidenceRank(list, ["the war is over"], "any");
  assert.equal(hitAtK(rank, 1), 0);
  assert.equal(hitAtK(rank, 2), 1);
});

test("hitAtK · evidence nowhere in the list · 0 at any depth", () => {
  assert.equal(hitAtK(evidenceRank(list, ["the war is lost"], "any"), 10), 0);
});

test("evidenceRank · all mode with two evidences at ranks 2 and 3 · rank 3; any mode · rank 2", () => {
  assert.equal(evidenceRank(list, ["8% in May", "the war is over"], "all"), 3);
  assert.equal(evidenceRank(list, ["8% in May", "the war is over"], "any"), 2);
});

test("evidenceRank · all mode with one evidence missing · null", () => {
  assert.equal(evidenceRank(list, ["8% in May", "absent"], "all"), null);
});

test("evidenceRank · no evidence (unanswerable) · null", () => {
  assert.equal(evidenceRank(list, [""], "any"), null);
});
