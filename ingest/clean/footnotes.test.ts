import assert from "node:assert/strict";
import { it } from "node:test";
import { FootnoteMarkers } from "./footnotes.js";

const NOTES = new Set([1, 2, 3, 4, 10, 11]);
// The document also has the bare words, as a text with glued markers does ("the conflict" elsewhere).
const PROSE = "crisis security itself conflict Ukraine relations said";
const strip = (line: string, notes: ReadonlySet<number> = NOTES, lines: string[] = [line, PROSE]) => new FootnoteMarkers(notes, () => lines).strip(line);

it("FootnoteMarkers · markers glued to words or punctuation, with their footnotes · removed", () => {
  const cases: [string, string][] = [
    ["plunged into crisis.3 Leaders met.", "plunged into crisis. Leaders met."],
    ["European security.2 Hegseth said", "European security. Hegseth said"],
    ["security for Europe itself.11", "security for Europe itself."],
    ["the conflict10 with Ukraine", "the conflict with Ukraine"],
    ["victory for Ukraine³ and relations.¹ Critically,", "victory for Ukraine and relations. Critically,"],
    ["¹ @TrumpDailyPosts, a post", "@TrumpDailyPosts, a post"],
    ["as he said”.4 Then", "as he said”. Then"],
  ];
  for (const [input, expected] of cases) assert.equal(strip(input), expected, input);
});

it("FootnoteMarkers · numbers with no footnote of that number · kept", () => {
  for (const line of ["plunged into crisis.7 Leaders met.", "the conflict12 with Ukraine", "victory for Ukraine⁵ and"]) assert.equal(strip(line), line);
  assert.equal(strip("the conflict10 with Ukraine", new Set()), "the conflict10 with Ukraine");
});

it("FootnoteMarkers · a word+number token that recurs, or whose word never stands alone · a name, kept", () => {
  const lines = ["cast it to int4 first", "an int4 column"];
  assert.equal(strip(lines[0]!, new Set([4]), lines), lines[0]);
  assert.equal(strip("builds for sparcv9 and more", new Set([9])), "builds for sparcv9 and more");
});

it("FootnoteMarkers · real numbers, codes, units and addresses · kept", () => {
  const kept = [
    "its 2014 borders, €100 billion within 48 hours",
    "the G7, F16 jets, COVID-19 and COVID19 in 2025.",
    "see Vol.3 and Fig.2, a 3.5% rise at 10:30, an area of 40 km²",
    "https://x.com/TrumpDailyPosts/status/1889720462151917756.",
    "mail l.goretti@iai.it or call +39 066976831",
  ];
  for (const line of kept) assert.equal(strip(line), line);
});

it("FootnoteMarkers · a marked long word whose stem stands alone elsewhere ('limited3', 'limit') · marker removed; a short code keeps its digits", () => {
  const lines = ["console lines are limited3 to 4095 bytes", "there is a limit on lines", "a sparcv9 build"];
  assert.equal(strip(lines[0]!, new Set([3, 9]), lines), "console lines are limited to 4095 bytes");
  assert.equal(strip(lines[2]!, new Set([3, 9]), lines), lines[2]);
});
