import assert from "node:assert/strict";
import { it } from "node:test";
import { joinHyphenatedLines } from "./hyphenation.js";

const join = (...lines: string[]) => joinHyphenatedLines([lines])[0];

it("joinHyphenatedLines · word broken by layout · rejoined and moved up to the first line", () => {
  assert.deepEqual(join("the start of nego-", "tiations between them.", "next"), ["the start of negotiations", "between them.", "next"]);
  assert.deepEqual(join("all the nego-", "tiations", "Next line"), ["all the negotiations", "Next line"]);
  assert.deepEqual(join("a ver-", "y long-", "ish word"), ["a very", "longish", "word"]);
});

it("joinHyphenatedLines · real compounds · keep their hyphen", () => {
  assert.deepEqual(join("a well-", "known fact"), ["a well-known", "fact"]);
  assert.deepEqual(join("the Euro-", "Atlantic area"), ["the Euro-Atlantic", "area"]);
  assert.deepEqual(join("Ukraine -", "and Europe"), ["Ukraine -", "and Europe"]);
});

it("joinHyphenatedLines · the document spells the word elsewhere · its spelling wins, across pages", () => {
  const pages = [["a long-", "term view"], ["the long-term plan, selfish aims"], ["self-", "ish"]];
  assert.deepEqual(joinHyphenatedLines(pages), [["a long-term", "view"], ["the long-term plan, selfish aims"], ["selfish"]]);
});
