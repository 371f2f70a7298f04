import assert from "node:assert/strict";
import { test } from "node:test";
import { dedupeOverlapping, overlapShare } from "./dedupe.js";
import { chunk, hit } from "../retrieve/hits.fixture.js";

test("dedupeOverlapping · two chunks over mostly the same span · keeps the better one", () => {
  const hits = [hit("wide", 3, { start: 0, end: 1000 }), hit("inner", 2, { start: 200, end: 800 }), hit("far", 1, { start: 2000, end: 3000 })];
  assert.deepEqual(
    dedupeOverlapping(hits).map((h) => h.chunk.id),
    ["wide", "far"],
  );
});

test("dedupeOverlapping · neighbours sharing the usual 20% overlap · both kept", () => {
  const hits = [hit("c1", 2, { start: 0, end: 1000 }), hit("c2", 1, { start: 800, end: 1800 })];
  assert.equal(dedupeOverlapping(hits).length, 2);
});

test("dedupeOverlapping · same offsets in different sources · both kept", () => {
  const hits = [hit("a", 2, { source: "a.txt" }), hit("b", 1, { source: "b.txt" })];
  assert.equal(dedupeOverlapping(hits).length, 2);
});

test("dedupeOverlapping · same text under two file names · collapses to the first", () => {
  const text = "The same paragraph, saved twice.";
  const hits = [
    hit("a", 2, { source: "a.txt", text }),
    hit("b", 1, { source: "copy.txt", text }),
    hit("c", 1, { source: "other.txt", text: text.toUpperCase() }),
  ];
  assert.deepEqual(
    dedupeOverlapping(hits).map((h) => h.chunk.id),
    ["a", "c"],
  );
});

test("overlapShare · nested and disjoint spans · share of the shorter chunk", () => {
  assert.equal(overlapShare(chunk("a", { start: 0, end: 100 }), chunk("b", { start: 50, end: 60 })), 1);
  assert.equal(overlapShare(chunk("a", { start: 0, end: 100 }), chunk("b", { start: 75, end: 175 })), 0.25);
  assert.equal(overlapShare(chunk("a", { start: 0, end: 100 }), chunk("b", { start: 100, end: 200 })), 0);
});
