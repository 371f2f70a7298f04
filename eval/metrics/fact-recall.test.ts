import assert from "node:assert/strict";
import { test } from "node:test";
import { factGroupsMissing, factRecall, stripMarkers } from "./fact-recall.js";

const facts = [["Hegseth"], ["2014", "pre-2014"]];

test("factRecall · every group present, any case · score 1", () => {
  assert.deepEqual(factRecall("HEGSETH ruled out a return to 2014 borders [1].", false, facts), { score: 1, share: 1, missing: [] });
});

test("factRecall · a missed fact · score 0, share 0.5, the group listed", () => {
  const r = factRecall("Hegseth spoke in Brussels [1].", false, facts);
  assert.equal(r.score, 0);
  assert.equal(r.share, 0.5);
  assert.deepEqual(r.missing, [["2014", "pre-2014"]]);
});

test("factRecall · false abstention on an answerable question · a miss", () => {
  assert.equal(factRecall("Hegseth 2014", true, facts).score, 0);
});

test("factGroupsMissing · diacritics and curly quotes differ · still found", () => {
  assert.deepEqual(factGroupsMissing("Minister Dovile Sakaliene warned of a ‘deadly trap’", [["Šakalienė"], ["'deadly trap'"]]), []);
});

test("factGroupsMissing · a marker glued to a number · the marker does not count as the fact", () => {
  assert.deepEqual(factGroupsMissing("The plan has points [28].", [["28"]]), [["28"]]);
});

test("factGroupsMissing · a figure inside a longer figure or a word · not found; a stem or a figure with its unit · found", () => {
  assert.deepEqual(factGroupsMissing("In 2028 there were 280 of them, 1.5 each, 15%", [["28"], ["5"], ["hem"]]), [["28"], ["5"], ["hem"]]);
  assert.deepEqual(factGroupsMissing("Points (28) would exacerbate losses of 5%, says article 5.", [["28"], ["exacerbat"], ["5%"], ["article 5"]]), []);
  assert.deepEqual(factGroupsMissing("It costs $30,000, from 2014 to pre-2014 levels.", [["30,000"], ["pre-2014"], ["30"]]), [["30"]]);
});

test("stripMarkers · grouped markers · removed with their leading space", () => {
  assert.equal(stripMarkers("One [1][2]. Two [3]."), "One. Two.");
});
