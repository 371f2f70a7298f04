import assert from "node:assert/strict";
import { test } from "node:test";
import { citationPrecision } from "./citation-precision.js";

test("citationPrecision · one of two citations from a gold source · 0.5", () => {
  const cited = [
    { source: "gold.txt", text: "x" },
    { source: "other.txt", text: "y" },
  ];
  assert.equal(citationPrecision(cited, ["gold.txt"], ["nothing"]), 0.5);
});

test("citationPrecision · other source that contains the evidence · counts as precise", () => {
  const cited = [{ source: "other.txt", text: "He said the  war is over." }];
  assert.equal(citationPrecision(cited, ["gold.txt"], ["the war is over"]), 1);
});

test("citationPrecision · nothing cited · null", () => {
  assert.equal(citationPrecision([], ["gold.txt"], ["e"]), null);
});
