import assert from "node:assert/strict";
import { test } from "node:test";
import { citationValidity } from "./citation-validity.js";

const cites = (...ids: number[]) => ids.map((id) => ({ id }));

test("citationValidity · every marker resolves and every citation used · valid", () => {
  assert.deepEqual(citationValidity("A. [1] B. [2][1]", false, cites(1, 2)), { valid: true, problems: [] });
});

test("citationValidity · an invalid marker [3] · invalid, named", () => {
  const r = citationValidity("A. [1] B. [3]", false, cites(1));
  assert.equal(r.valid, false);
  assert.deepEqual(r.problems, ["marker [3] resolves to no citation"]);
});

test("citationValidity · a citation never referenced · invalid", () => {
  assert.deepEqual(citationValidity("A. [1]", false, cites(1, 2)).problems, ["citation 2 is never referenced"]);
});

test("citationValidity · answer without markers · invalid", () => {
  assert.deepEqual(citationValidity("A claim with no source.", false, []).problems, ["the answer has no [n] marker"]);
});

test("citationValidity · abstention with an empty citations list · valid; with citations · invalid", () => {
  assert.equal(citationValidity("The documents do not say.", true, []).valid, true);
  assert.ok(citationValidity("The documents do not say.", true, cites(1)).problems.includes("an abstention carries citations"));
});

test("citationValidity · duplicate citation ids · invalid", () => {
  assert.ok(citationValidity("A. [1]", false, cites(1, 1)).problems.includes("citation id 1 is used twice"));
});
