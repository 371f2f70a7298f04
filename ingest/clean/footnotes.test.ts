import assert from "node:assert/strict";
import { it } from "node:test";
import { stripFootnoteMarkers } from "./footnotes.js";

it("stripFootnoteMarkers · markers glued to words or punctuation · removed", () => {
  const cases: [string, string][] = [
    ["plunged into crisis.3 Leaders met.", "plunged into crisis. Leaders met."],
    ["European security.2 Hegseth said", "European security. Hegseth said"],
    ["security for Europe itself.11", "security for Europe itself."],
    ["the conflict10 with Ukraine", "the conflict with Ukraine"],
    ["victory for Ukraine³ and relations.¹ Critically,", "victory for Ukraine and relations. Critically,"],
    ["¹ @TrumpDailyPosts, a post", "@TrumpDailyPosts, a post"],
    ["as he said”.4 Then", "as he said”. Then"],
  ];
  for (const [input, expected] of cases) assert.equal(stripFootnoteMarkers(input), expected, input);
});

it("stripFootnoteMarkers · real numbers, codes, units and addresses · kept", () => {
  const kept = [
    "its 2014 borders, €100 billion within 48 hours",
    "the G7, F16 jets, COVID-19 and COVID19 in 2025.",
    "see Vol.3 and Fig.2, a 3.5% rise at 10:30, an area of 40 km²",
    "https://x.com/TrumpDailyPosts/status/1889720462151917756.",
    "mail l.goretti@iai.it or call +39 066976831",
  ];
  for (const line of kept) assert.equal(stripFootnoteMarkers(line), line);
});
