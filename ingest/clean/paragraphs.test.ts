import assert from "node:assert/strict";
import { it } from "node:test";
import { toParagraphs } from "./paragraphs.js";

it("toParagraphs · PDF lines wrapped at a measure · one line per paragraph, headings kept apart", () => {
  const lines = [
    "Strategy shaken up",
    "The administration changed course on Ukraine in a way that",
    "surprised its allies in Europe and beyond. Officials in Berlin",
    "were not consulted before the call.",
    "A second paragraph starts here after a short last line.",
  ];
  assert.deepEqual(toParagraphs(lines, true), [
    "Strategy shaken up",
    "The administration changed course on Ukraine in a way that surprised its allies in Europe and beyond. Officials in Berlin were not consulted before the call.",
    "A second paragraph starts here after a short last line.",
  ]);
});

it("toParagraphs · plain text with one long paragraph per line · lines kept as paragraphs", () => {
  const long =
    "This line is a whole paragraph of a web article, far longer than any line that a page layout would produce, so the cleaner must not treat it as a line that was wrapped by a layout.";
  assert.ok(long.length > 160);
  const lines = ["Short Title", long, `${long} Again.`];
  assert.deepEqual(toParagraphs(lines, false), lines);
});

it("toParagraphs · byline and date lines in plain text · not joined; a line ending mid-sentence is", () => {
  assert.deepEqual(toParagraphs(["Peter Schwarz", "14 February 2025"], false), ["Peter Schwarz", "14 February 2025"]);
  assert.deepEqual(toParagraphs(["To contact the WWSW and the", "Socialist Equality Party visit:"], false), [
    "To contact the WWSW and the Socialist Equality Party visit:",
  ]);
});

it("toParagraphs · paragraph cut by a page or column break · joined with its lowercase continuation", () => {
  const cut = "Neither party lacks agency and both can make their weight felt in the talks; even";
  assert.deepEqual(toParagraphs([cut, "", "refusing to abide by a deal would matter."], false), [`${cut} refusing to abide by a deal would matter.`]);
  assert.deepEqual(toParagraphs(["A Short Title", "", "by Jane Roe"], false), ["A Short Title", "by Jane Roe"]);
});
