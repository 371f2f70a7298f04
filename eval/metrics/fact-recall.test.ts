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

test("stripMarkers · grouped markers · removed with their leading space", () => {
  assert.equal(stripMarkers("One [1][2]. Two [3]."), "One. Two.");
});
