import assert from "node:assert/strict";
import { it } from "node:test";
import { stripInlineMarkup } from "./markup.js";

it("stripInlineMarkup · emphasis, escapes and inline tags · removed, text kept", () => {
  assert.equal(stripInlineMarkup("he told *Politico*, and **this** ~~not~~"), "he told Politico, and this not");
  assert.equal(stripInlineMarkup("€200 billion (\\$209 billion US)"), "€200 billion ($209 billion US)");
  assert.equal(stripInlineMarkup('<u>iai@iai.it</u> and <a href="x">link</a>'), "iai@iai.it and link");
});

it("stripInlineMarkup · asterisks and underscores that are not emphasis · kept", () => {
  for (const text of ["2*3*4 = 24", "5 * 3 * 2", "snake_case_name", "a < b > c"]) assert.equal(stripInlineMarkup(text), text);
});
