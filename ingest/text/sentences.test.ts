import assert from "node:assert/strict";
import { test } from "node:test";
import { splitSentences } from "./sentences.js";

const texts = (s: string) => splitSentences(s).map((x) => x.text);

test("splitSentences · abbreviations and initials · not sentence ends", () => {
  assert.deepEqual(texts("Mr. Trump met Dr. Smith in the U.S. on Monday. Then J. Doe left."), [
    "Mr. Trump met Dr. Smith in the U.S. on Monday.",
    "Then J. Doe left.",
  ]);
});

test("splitSentences · closing quotes and question marks · kept with their sentence", () => {
  assert.deepEqual(texts('He said "it is over." Is it? Yes.'), ['He said "it is over."', "Is it?", "Yes."]);
});

test("splitSentences · decimals and lowercase continuation · no split", () => {
  assert.deepEqual(texts("Growth was 3.5 percent. e.g. this continues."), ["Growth was 3.5 percent. e.g. this continues."]);
});

test("splitSentences · line breaks · always end a sentence", () => {
  assert.deepEqual(texts("A caption without a period\nThe body starts here.\n\nNext paragraph."), [
    "A caption without a period",
    "The body starts here.",
    "Next paragraph.",
  ]);
});

test("splitSentences · offsets · slice back to the sentence text", () => {
  const text = "  First one.   Second one!\n\n  Third?  ";
  for (const span of splitSentences(text)) assert.equal(text.slice(span.start, span.end), span.text);
  assert.equal(splitSentences(text).length, 3);
});
