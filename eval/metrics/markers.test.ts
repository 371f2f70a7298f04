import assert from "node:assert/strict";
import { test } from "node:test";
import { citedSentences, markerIds } from "./markers.js";

test("citedSentences · markers after the full stop, as the extractive composer writes · each sentence gets its marker", () => {
  assert.deepEqual(citedSentences("Prices rose. [1] Wages fell sharply. [2]"), [
    { text: "Prices rose.", markers: [1] },
    { text: "Wages fell sharply.", markers: [2] },
  ]);
});

test("citedSentences · one group after two sentences, then uncited text · group cites both, the rest none", () => {
  assert.deepEqual(citedSentences("A rose. B fell [1][2]. Trailing claim."), [
    { text: "A rose.", markers: [1, 2] },
    { text: "B fell", markers: [1, 2] },
    { text: "Trailing claim.", markers: [] },
  ]);
});

test("markerIds · repeated markers · kept in order", () => {
  assert.deepEqual(markerIds("x [2] y [1] z [2]"), [2, 1, 2]);
});
