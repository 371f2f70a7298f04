import assert from "node:assert/strict";
import { it } from "node:test";
import { joinHyphenatedLines, vocabulary } from "./hyphenation.js";

it("joinHyphenatedLines · word broken by layout · rejoined and moved up to the first line", () => {
  const lines = ["the start of nego-", "tiations between them.", "next"];
  assert.deepEqual(joinHyphenatedLines(lines, new Set()), ["the start of negotiations", "between them.", "next"]);
});

it("joinHyphenatedLines · real compounds · keep their hyphen", () => {
  const words = vocabulary(["a long-term plan"]);
  assert.deepEqual(joinHyphenatedLines(["a long-", "term view"], words), ["a long-term", "view"]);
  assert.deepEqual(joinHyphenatedLines(["a well-", "known fact"], new Set()), ["a well-known", "fact"]);
  assert.deepEqual(joinHyphenatedLines(["the Euro-", "Atlantic area"], new Set()), ["the Euro-Atlantic", "area"]);
});

it("joinHyphenatedLines · document spells the word solid · hyphen dropped even after a compound prefix", () => {
  const words = vocabulary(["the postwar order and selfish aims"]);
  assert.deepEqual(joinHyphenatedLines(["self-", "ish aims"], words), ["selfish", "aims"]);
});

it("joinHyphenatedLines · dash with a space or a line that is only the word · handled", () => {
  assert.deepEqual(joinHyphenatedLines(["Ukraine -", "and Europe"], new Set()), ["Ukraine -", "and Europe"]);
  assert.deepEqual(joinHyphenatedLines(["all the nego-", "tiations", "Next line"], new Set()), [
    "all the negotiations",
    "Next line",
  ]);
});
